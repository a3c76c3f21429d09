//! The faults the demo's customers call about, by machine category: what the
//! customer says, what the desk suspects, and what the engineer finds and does.
//! Written as a service desk would, so the request and report pages read true.

use furrow_domain::master::MachineCategory;
use furrow_domain::service::{Operation, SuspectedPart};

/// A fault and its repair.
pub struct Fault {
    pub symptoms: &'static str,
    pub judgement: &'static str,
    pub part: SuspectedPart,
    pub operation: Operation,
    pub cause: &'static str,
    pub measures: &'static str,
    /// Part number, name, quantity, unit.
    pub parts: &'static [(&'static str, &'static str, i64, &'static str)],
    /// Labour in tenths of an hour.
    pub labour_tenths: i64,
}

use Operation::*;
use SuspectedPart::*;

const COMBINE: &[Fault] = &[
    Fault {
        symptoms: "收割时割台搅龙不转，有异响，已停机",
        judgement: "割台传动链条或安全离合器故障",
        part: MainPart,
        operation: Harvest,
        cause: "割台传动链条磨损拉长后跳齿，安全离合器弹簧疲劳打滑",
        measures: "更换割台传动链条和安全离合器弹簧，调整链条张紧度，空运转 30 分钟无异响",
        parts: &[
            ("GT-0812", "割台传动链条", 1, "条"),
            ("GT-0815", "安全离合器弹簧", 2, "件"),
        ],
        labour_tenths: 35,
    },
    Fault {
        symptoms: "脱粒滚筒堵塞频繁，清选损失大，粮仓里杂余多",
        judgement: "凹板间隙或风机转速不当",
        part: WearPart,
        operation: Harvest,
        cause: "凹板间隙调得过小，风机皮带打滑导致风量不足",
        measures: "按作物湿度重新调整凹板间隙，更换风机皮带，现场试割两亩，损失率正常",
        parts: &[("QX-2201", "风机传动皮带", 1, "条")],
        labour_tenths: 25,
    },
    Fault {
        symptoms: "行走无力，上坡时发动机掉转速，液压油温高",
        judgement: "行走液压泵或马达内泄",
        part: MainPart,
        operation: Harvest,
        cause: "液压油滤芯堵塞，行走泵补油压力不足",
        measures: "更换液压油滤芯和液压油，检测补油压力恢复到 2.4 MPa，试车正常",
        parts: &[
            ("YY-3305", "液压油滤芯", 2, "个"),
            ("YY-0001", "抗磨液压油", 40, "L"),
        ],
        labour_tenths: 40,
    },
    Fault {
        symptoms: "发动机冒黑烟，功率下降，收割速度上不去",
        judgement: "空气滤清器堵塞或喷油器雾化不良",
        part: WearPart,
        operation: Harvest,
        cause: "空气滤芯积尘严重，进气不足",
        measures: "更换空气滤芯内外芯，清理进气管路和预滤器，负荷试车烟色正常",
        parts: &[("FD-1102", "空气滤芯（内外芯）", 1, "套")],
        labour_tenths: 15,
    },
];

const TRACTOR: &[Fault] = &[
    Fault {
        symptoms: "液压提升器不能提升，悬挂的农具放下后抬不起来",
        judgement: "提升器分配器或油泵故障",
        part: MainPart,
        operation: Tillage,
        cause: "提升器分配器阀芯卡滞，油液中有铁屑",
        measures: "拆检分配器，清洗阀芯并更换密封件，更换液压油和滤芯，提升试验正常",
        parts: &[
            ("TS-5501", "分配器密封件", 1, "套"),
            ("YY-3305", "液压油滤芯", 1, "个"),
        ],
        labour_tenths: 45,
    },
    Fault {
        symptoms: "离合器分离不彻底，挂挡困难，有打齿声",
        judgement: "离合器自由行程过大",
        part: WearPart,
        operation: Transport,
        cause: "离合器踏板自由行程过大，分离轴承磨损",
        measures: "更换分离轴承，重新调整离合器自由行程，各挡位试挂顺畅",
        parts: &[("LH-2203", "离合器分离轴承", 1, "个")],
        labour_tenths: 50,
    },
    Fault {
        symptoms: "仪表报水温高，发动机开锅",
        judgement: "散热器堵塞或节温器故障",
        part: WearPart,
        operation: Tillage,
        cause: "散热器芯体被秸秆碎屑堵塞，风扇皮带松弛",
        measures: "清洗散热器，更换风扇皮带并张紧，连续作业一小时水温正常",
        parts: &[("FD-2210", "风扇皮带", 1, "条")],
        labour_tenths: 20,
    },
];

const PLANTER: &[Fault] = &[
    Fault {
        symptoms: "播种机漏播严重，有几行不下种",
        judgement: "排种器或风机负压不足",
        part: WearPart,
        operation: Planting,
        cause: "风机负压管老化破裂，排种盘吸孔被堵",
        measures: "更换负压管，清理排种盘，田间试播株距合格",
        parts: &[("BZ-0701", "负压软管", 4, "米")],
        labour_tenths: 20,
    },
    Fault {
        symptoms: "开沟器变形，播深不一致",
        judgement: "开沟器碰石头变形",
        part: WearPart,
        operation: Planting,
        cause: "开沟器圆盘碰撞石块后变形，限深轮轴承损坏",
        measures: "更换开沟器圆盘和限深轮轴承，调整播深至 4 cm",
        parts: &[
            ("BZ-1102", "开沟器圆盘", 2, "片"),
            ("ZC-6204", "轴承 6204", 2, "个"),
        ],
        labour_tenths: 30,
    },
];

const TRANSPLANTER: &[Fault] = &[
    Fault {
        symptoms: "插秧机漏插、伤秧，秧针取秧不稳",
        judgement: "秧针磨损或取秧量调整不当",
        part: WearPart,
        operation: Planting,
        cause: "秧针磨损，推秧器弹簧弹力不足",
        measures: "更换秧针和推秧器弹簧，重新调整取秧量，试插合格",
        parts: &[
            ("CY-0301", "秧针", 6, "根"),
            ("CY-0305", "推秧器弹簧", 6, "件"),
        ],
        labour_tenths: 25,
    },
    Fault {
        symptoms: "发动机启动困难，冷车打不着火",
        judgement: "火花塞或化油器故障",
        part: WearPart,
        operation: Planting,
        cause: "火花塞积碳，化油器浮子室有水",
        measures: "更换火花塞，清洗化油器并放净积水，冷启动三次均正常",
        parts: &[("HH-0102", "火花塞", 1, "个")],
        labour_tenths: 15,
    },
];

const SPRAYER: &[Fault] = &[
    Fault {
        symptoms: "喷杆压力不稳，部分喷头不出药",
        judgement: "隔膜泵或过滤器堵塞",
        part: WearPart,
        operation: Spraying,
        cause: "管路过滤器被药渣堵塞，隔膜泵隔膜破损",
        measures: "更换隔膜泵隔膜，清洗过滤器和喷头，压力稳定在 0.4 MPa",
        parts: &[
            ("PW-0402", "隔膜泵隔膜", 3, "片"),
            ("PW-0501", "喷头", 4, "个"),
        ],
        labour_tenths: 30,
    },
    Fault {
        symptoms: "喷杆折叠油缸漏油，喷杆展不开",
        judgement: "折叠油缸密封损坏",
        part: MainPart,
        operation: Spraying,
        cause: "折叠油缸活塞密封老化",
        measures: "更换油缸密封件，补充液压油，喷杆展开折叠各十次无渗漏",
        parts: &[("PW-0902", "油缸密封件", 1, "套")],
        labour_tenths: 35,
    },
];

const BALER: &[Fault] = &[
    Fault {
        symptoms: "打捆机打结器不打结，草捆散包",
        judgement: "打结器调整不当或打结嘴磨损",
        part: WearPart,
        operation: Harvest,
        cause: "打结嘴磨损，夹绳盘弹簧压力不足",
        measures: "更换打结嘴，调整夹绳盘压力，连续打捆 50 捆无散包",
        parts: &[("DK-0311", "打结嘴", 2, "个")],
        labour_tenths: 30,
    },
    Fault {
        symptoms: "捡拾器弹齿断了好几根，捡拾不干净",
        judgement: "弹齿碰地断裂",
        part: WearPart,
        operation: Harvest,
        cause: "捡拾器离地间隙调得过低，弹齿碰地断裂",
        measures: "更换断裂弹齿，调整捡拾器离地高度",
        parts: &[("DK-0120", "捡拾弹齿", 8, "根")],
        labour_tenths: 20,
    },
];

const OTHER: &[Fault] = &[
    Fault {
        symptoms: "旋耕机齿轮箱异响，箱体发烫",
        judgement: "齿轮箱缺油或轴承损坏",
        part: MainPart,
        operation: Tillage,
        cause: "齿轮箱油封漏油导致缺油，一侧轴承损坏",
        measures: "更换油封和轴承，加注齿轮油，空转和负荷试验无异响",
        parts: &[
            ("XG-0608", "齿轮箱油封", 2, "个"),
            ("ZC-6308", "轴承 6308", 1, "个"),
        ],
        labour_tenths: 40,
    },
    Fault {
        symptoms: "旋耕刀断了几把，耕后地表不平",
        judgement: "旋耕刀碰石断裂",
        part: WearPart,
        operation: Tillage,
        cause: "作业中碰到石块，旋耕刀断裂",
        measures: "更换旋耕刀并按螺旋排列重新安装，试耕平整",
        parts: &[("XG-0201", "旋耕刀", 6, "把")],
        labour_tenths: 20,
    },
];

/// The faults of machines of `category`.
pub fn of(category: MachineCategory) -> &'static [Fault] {
    match category {
        MachineCategory::CombineHarvester => COMBINE,
        MachineCategory::Tractor => TRACTOR,
        MachineCategory::Planter => PLANTER,
        MachineCategory::Transplanter => TRANSPLANTER,
        MachineCategory::Sprayer => SPRAYER,
        MachineCategory::Baler => BALER,
        MachineCategory::Other => OTHER,
    }
}

/// Questions answered on the phone (咨询): symptom, the advice that solved it.
pub const CONSULTATIONS: &[(&str, &str)] = &[
    (
        "咨询新机磨合期保养项目和换油时间",
        "电话告知磨合期 50 小时更换机油和滤芯，并发送保养手册电子版",
    ),
    (
        "仪表盘出现黄色报警灯，不知道是什么意思",
        "指导客户查看故障码，为燃油滤清器需排水，客户按指导处理后报警消除",
    ),
    (
        "收割机过桥链条多久调一次，怎么调",
        "电话讲解调整方法和标准，客户自行调整完成",
    ),
    (
        "拖拉机电瓶亏电打不着火",
        "指导客户搭电启动并检查发电机皮带，客户确认已能正常启动",
    ),
    (
        "三包期还剩多久，哪些零件在三包范围内",
        "查询整机三包到期日并说明主要部件和易损件的三包规定",
    ),
];

/// Reasons a request is cancelled before anyone goes out.
pub const CANCEL_REASONS: &[&str] = &[
    "客户自行找到故障原因并已修复",
    "客户重复报修，已在另一单处理",
    "客户联系不上，经销商确认机器已转卖",
    "客户决定等农忙结束后再修",
];

/// Why a supervisor sends a report back (驳回).
pub const REJECT_COMMENTS: &[&str] = &[
    "故障原因写得太笼统，请补充检测数据",
    "更换的配件没有写件号，请补全",
    "工时与维修内容不符，请核对",
    "缺少试车结果，请补充",
];

/// Why a customer will not sign (拒签).
pub const REFUSE_REASONS: &[&str] = &[
    "修完第二天又出现同样的问题，要求复查后再签字",
    "对配件费用有异议，认为应在三包范围内",
    "工程师到达时间太晚，耽误了收割",
];

/// Why a supervisor gives a job to another engineer (改派).
pub const REASSIGN_REASONS: &[&str] = &[
    "原工程师在另一台收割机现场，短时间内赶不过去",
    "需要液压专业工程师处理",
    "原工程师请假",
];
