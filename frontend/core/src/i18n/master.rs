//! Labels of the master data pages (客户档案, 产品档案, 产品型号, 经销商, 工程师,
//! 批量导入), kept apart from the shell's table so parallel work on other
//! areas does not collide. They reach the pages as `T::Master(M::...)`, or
//! through [`I18n::m`]; the macro keeps both languages complete.

use crate::hooks::I18n;
use furrow_domain::import::{ImportAction, ImportKind};
use furrow_domain::master::{CustomerKind, MachineCategory, MachineStatus, WarrantyStatus};
use furrow_domain::service::RequestStatus;

macro_rules! labels {
    ($($key:ident => ($zh:expr, $en:expr),)+) => {
        /// A label of the master data pages.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum M {
            $($key,)+
        }

        impl M {
            /// (zh-CN, English); a reference, so [`crate::i18n::T`] can point at it.
            pub fn pair(self) -> &'static (&'static str, &'static str) {
                match self {
                    $(M::$key => &($zh, $en),)+
                }
            }
        }
    };
}

labels! {
    // Navigation
    NavProductModels => ("产品型号", "Product models"),
    NavDealers => ("经销商", "Dealers"),
    NavEngineers => ("工程师", "Engineers"),
    NavParts => ("配件", "Parts"),
    NavStock => ("库存", "Stock"),
    PartsTitle => ("配件目录", "Parts catalog"),
    PartSearchPlaceholder => ("配件编号、名称或规格", "Part number, name or spec"),
    PartNumber => ("配件编号", "Part number"),
    PartName => ("配件名称", "Part name"),
    PartSpec => ("规格型号", "Specification"),
    PartUnit => ("单位", "Unit"),
    StandardCostFen => ("标准成本（分）", "Standard cost (fen)"),
    StandardCost => ("标准成本", "Standard cost"),
    ReorderPoint => ("再订货点", "Reorder point"),
    ReorderQuantity => ("再订货量", "Reorder quantity"),
    CompatibleModels => ("适用机型", "Fits models"),
    NoParts => ("还没有配件。", "There are no parts yet."),
    NoPartsMatch => ("没有符合条件的配件。", "No part matches these filters."),
    NewPart => ("新建配件", "New part"),
    CreatePartTitle => ("新建配件", "New part"),
    EditPartTitle => ("配件 {0}", "Part {0}"),
    StockTitle => ("库存", "Stock"),
    Warehouse => ("仓库", "Warehouse"),
    WarehousesTitle => ("仓库与库位", "Warehouses and bins"),
    WarehouseCode => ("仓库编码", "Warehouse code"),
    WarehouseKindLabel => ("仓库类型", "Warehouse kind"),
    Bins => ("库位", "Bins"),
    Bin => ("库位", "Bin"),
    OnHand => ("库存数量", "On hand"),
    TotalOnHand => ("全部仓库合计", "Total, all warehouses"),
    BelowReorder => ("低于再订货点", "Below reorder point"),
    BelowReorderOnly => ("只看需补货", "Only below reorder point"),
    NoStock => ("没有库存。", "There is no stock."),
    NoWarehouses => ("还没有仓库。", "There are no warehouses yet."),
    PartStockTitle => ("各仓库库存", "Stock by warehouse"),
    LedgerTitle => ("库存台账", "Stock ledger"),
    NoMovements => ("还没有出入库记录。", "No movements yet."),
    MovementAt => ("时间", "When"),
    MovementKindLabel => ("类型", "Kind"),
    Quantity => ("数量", "Quantity"),
    Reference => ("单据", "Reference"),
    Recipient => ("领用人员", "Recipient"),
    PerformedBy => ("经办人", "Posted by"),
    PostReceipt => ("入库", "Receive"),
    PostAdjustment => ("库存调整", "Adjust"),
    AdjustReason => ("调整原因", "Reason"),
    DeliveryNote => ("送货单号", "Delivery note"),
    Post => ("过账", "Post"),
    Posted => ("已过账。", "Posted."),
    WhCentral => ("总库", "Central"),
    WhRegional => ("区域库", "Regional"),
    WhServiceVan => ("服务车", "Service van"),
    WhDealer => ("经销商库", "Dealer"),
    MkReceipt => ("入库", "Receipt"),
    MkIssue => ("出库", "Issue"),
    MkReturn => ("退库", "Return"),
    MkExchangeOut => ("退换出库", "Exchange out"),
    MkExchangeIn => ("退换入库", "Exchange in"),
    MkAdjustment => ("调整", "Adjustment"),
    MkTransferOut => ("调拨出库", "Transfer out"),
    MkTransferIn => ("调拨入库", "Transfer in"),
    PcFilter => ("滤清器", "Filters"),
    PcBelt => ("皮带", "Belts"),
    PcBearing => ("轴承", "Bearings"),
    PcBlade => ("割刀", "Blades"),
    PcChain => ("链条", "Chains"),
    PcLubricant => ("油品", "Oils"),
    PcSeal => ("密封件", "Seals"),
    PcEngine => ("发动机件", "Engine parts"),
    PcElectrical => ("电气件", "Electrical"),
    PcHydraulic => ("液压件", "Hydraulics"),
    PcTransmission => ("传动件", "Transmission"),
    PcTyre => ("轮胎", "Tyres"),
    PcFastener => ("标准件", "Fasteners"),
    PcOther => ("其他", "Other"),
    NavImport => ("批量导入", "Import"),
    AboutProductModels => ("产品型号：类别、技术参数和保修月数。", "Product models: category, technical parameters and warranty months."),
    AboutDealers => ("经销商档案：编号、销售区域和联系人。", "Dealers: code, sales region and contacts."),
    AboutEngineers => ("售后服务工程师：技能、驻地和是否可派工。", "Service engineers: skills, home base and availability for dispatch."),
    AboutImport => ("从 Excel 或 CSV 文件批量导入客户、产品档案、产品型号和配件，先检查再导入。", "Import customers, machines, product models and parts from Excel or CSV files: check first, then import."),

    // Enumerations
    KindIndividual => ("个人", "Individual"),
    KindFarm => ("家庭农场", "Family farm"),
    KindCooperative => ("合作社", "Cooperative"),
    KindCompany => ("企业", "Company"),
    CatTractor => ("拖拉机", "Tractor"),
    CatCombine => ("联合收割机", "Combine harvester"),
    CatPlanter => ("播种机", "Planter"),
    CatTransplanter => ("插秧机", "Rice transplanter"),
    CatSprayer => ("植保机", "Sprayer"),
    CatBaler => ("打捆机", "Baler"),
    CatOther => ("其他", "Other"),
    MsOperational => ("正常使用", "In use"),
    MsUnderRepair => ("维修中", "Under repair"),
    MsRetired => ("停用", "Retired"),
    WsInWarranty => ("三包期内", "In 三包 warranty"),
    WsExtendedWarranty => ("延保期内", "In extended warranty"),
    WsExpired => ("已过保", "Expired"),
    WsUnknown => ("未知", "Unknown"),
    RsNew => ("待派工", "New"),
    RsDispatched => ("已派工", "Dispatched"),
    RsInService => ("维修中", "In service"),
    RsPendingReview => ("待审核", "Pending review"),
    RsPendingSignoff => ("待客户签字", "Awaiting signature"),
    RsCompleted => ("已完成", "Completed"),
    RsResolvedRemotely => ("远程解决", "Resolved remotely"),
    RsClosed => ("已关闭", "Closed"),
    RsCancelled => ("已取消", "Cancelled"),

    // Common
    All => ("全部", "All"),
    ExportCsv => ("导出 CSV", "Export CSV"),
    ExportXlsx => ("导出 Excel", "Export Excel"),
    Active => ("启用", "Active"),
    Inactive => ("已停用", "Deactivated"),
    Status => ("状态", "Status"),
    Notes => ("备注", "Notes"),
    Create => ("创建", "Create"),
    Created => ("已创建 {0}。", "{0} created."),
    ConfirmDeactivateTitle => ("停用档案", "Deactivate record"),
    ConfirmDeactivateBody => ("确定停用 {0} 吗？档案和历史记录会保留，但不再出现在选择列表中。", "Deactivate {0}? Its record and history are kept, but it no longer appears in choice lists."),
    ConfirmActivateTitle => ("启用档案", "Activate record"),
    ConfirmActivateBody => ("确定重新启用 {0} 吗？", "Activate {0} again?"),
    RecordIsInactive => ("该档案已停用。", "This record is deactivated."),
    Lat => ("纬度", "Latitude"),
    Lon => ("经度", "Longitude"),
    CoordsHint => ("两者都填或都不填", "Give both or neither"),
    Phone => ("电话", "Phone"),
    BackTo => ("← {0}", "← {0}"),
    FeIncomplete => ("请同时填写纬度和经度，或都不填。", "Give both latitude and longitude, or neither."),
    FeTaken => ("该编号已被使用。", "This is already in use."),
    FeSanbaoYear => ("整机三包期不得少于一年（自销售日期起）。", "A whole machine's 三包 period is at least one year from the sale date."),
    FeAlreadyReissued => ("该三包凭证已补办，不能再次标记。", "This certificate was already reissued."),
    FeUnknownRegion => ("不是可识别的省份或地市，请从列表中选择。", "Not a known province or prefecture: choose one from the list."),
    FeWarrantyNeedsReason => ("销售日期和三包截止只能在产品档案页用“变更三包日期”修改，并说明原因。", "The sale date and the 三包 end change only with a reason: use Change warranty dates on the machine's page."),
    FeExtendedAfterSanbao => ("延保截止须晚于三包截止。", "The extended warranty ends after the 三包 period."),
    FeBeforeSale => ("保修截止日期不能早于销售日期。", "The warranty cannot end before the sale date."),
    FePhone => ("请输入 5–20 位数字的电话号码。", "Enter a phone number of 5–20 digits."),
    FeNumber => ("请输入数字。", "Enter a number."),
    FeUnknownRef => ("所选记录不存在或无权使用。", "The chosen record does not exist or may not be used."),

    // Customers
    CustomersTitle => ("客户档案", "Customers"),
    CustomerSearchLabel => ("搜索客户", "Search customers"),
    CustomerSearchPlaceholder => ("姓名、电话或客户编号", "Name, phone or code"),
    Province => ("省份", "Province"),
    City => ("城市", "City"),
    County => ("区县", "County"),
    Address => ("地址", "Address"),
    Region => ("省 / 市", "Province / city"),
    CustomerKindLabel => ("客户类型", "Kind"),
    CustomerCode => ("客户编号", "Code"),
    CustomerCodeHint => ("留空则自动生成（如 C000123）", "Leave empty to generate one (like C000123)"),
    CustomerName => ("客户名称", "Name"),
    AltPhone => ("备用电话", "Other phone"),
    Email => ("邮箱", "Email"),
    SellingDealer => ("销售经销商", "Selling dealer"),
    NoDealerChoice => ("无（公司直销）", "None (direct sale)"),
    NewCustomer => ("新建客户", "New customer"),
    NoCustomers => ("还没有客户档案。", "There are no customers yet."),
    NoCustomersMatch => ("没有符合条件的客户。", "No customer matches these filters."),
    CreateCustomerTitle => ("新建客户档案", "New customer"),
    EditCustomerTitle => ("编辑客户：{0}", "Edit customer: {0}"),
    BasicInfo => ("基本信息", "Basic information"),
    MachinesOwned => ("购买的农机", "Machines bought"),
    NoMachinesOwned => ("该客户还没有农机档案。", "This customer has no machines on record."),
    AddMachine => ("添加农机", "Add a machine"),

    // Timeline
    Timeline => ("服务历史与档案变更", "Service history and changes"),
    NoTimeline => ("暂无记录。", "Nothing recorded yet."),
    TlServiceRequest => ("报修单", "Service request"),
    TlPartReplacement => ("配件更换", "Part replacement"),
    EntCustomer => ("客户", "Customer"),
    EntMachine => ("农机", "Machine"),
    EntModel => ("产品型号", "Product model"),
    EntRepairReport => ("维修报告", "Repair report"),
    ActImported => ("导入", "Imported"),
    ActReplaced => ("更换", "Replaced"),
    Symptoms => ("故障现象", "Symptoms"),
    Source => ("来源", "Source"),
    ColWhen => ("时间", "When"),
    ColWho => ("操作人", "By"),
    ColWhat => ("事项", "What"),
    ColDetails => ("内容", "Details"),

    // Machines
    MachinesTitle => ("产品档案", "Machines"),
    MachineSearchLabel => ("搜索产品档案", "Search machines"),
    MachineSearchPlaceholder => ("出厂编号或机主", "Serial number or owner"),
    Serial => ("出厂编号", "Serial number"),
    Model => ("产品型号", "Model"),
    Category => ("类别", "Category"),
    Owner => ("机主", "Owner"),
    SaleDate => ("销售日期", "Sale date"),
    MachineReplacedOn => ("换货日期（三包期自此重新计算）", "Replaced on (the 三包 period restarted then)"),
    WarrantyEnd => ("保修截止", "Warranty end"),
    Warranty => ("三包", "Warranty"),
    EngineHours => ("发动机小时", "Engine hours"),
    NewMachine => ("新建产品档案", "New machine"),
    NoMachines => ("还没有产品档案。", "There are no machines yet."),
    NoMachinesMatch => ("没有符合条件的产品档案。", "No machine matches these filters."),
    CreateMachineTitle => ("新建产品档案", "New machine"),
    EditMachineTitle => ("编辑产品档案：{0}", "Edit machine: {0}"),
    ChooseModel => ("请选择型号", "Choose a model"),
    WarrantyEndHint => ("留空时由系统按销售日期和型号保修月数计算", "Leave empty: computed from the sale date and the model's warranty months"),
    DealerDefaultHint => ("留空时使用机主的经销商", "Leave empty to use the owner's dealer"),
    CustomerPicker => ("机主", "Owner"),
    CustomerPickerPlaceholder => ("输入姓名、电话或编号搜索", "Type a name, phone or code"),
    CustomerPickerNone => ("没有找到客户。", "No customer found."),
    ChangeCustomer => ("更换", "Change"),
    WarrantySection => ("三包信息", "Warranty (三包)"),
    WarrantyAsSold => ("销售时保修截止", "Warranty end as sold"),
    ExtensionDays => ("修理占用延长", "Extension for repair days"),
    ExtensionDaysN => ("{0} 天", "{0} days"),
    EffectiveEnd => ("实际保修截止", "Effective warranty end"),
    DaysLeft => ("剩余天数", "Days left"),
    DaysLeftN => ("{0} 天", "{0} days"),
    SanbaoEnd => ("三包截止", "三包 ends"),
    ExtendedWarrantyEnd => ("延保截止", "Extended warranty ends"),
    ExtendedByN => ("修理占用延长 {0} 天（明细）", "Extended {0} days for repairs (details)"),
    BreakdownAsSold => ("销售时三包截止 {0}，", "As sold the 三包 period ended {0};"),
    BreakdownRule => ("加上三包期内维修从报修到修复的天数（含待配件；修复后仍待配件的，计至配件到齐），重叠的日期只计一次，未修复的计至今日。", "it runs on by the days of each in-warranty repair from report to repair done (waiting for parts included, up to the last part's arrival when that came later); days shared by repairs count once, an open repair counts to today."),
    BreakdownRequest => ("报修单", "Request"),
    BreakdownReported => ("报修日期", "Reported"),
    BreakdownDone => ("修复日期", "Repaired"),
    BreakdownDays => ("占用天数", "Days"),
    PrintLabels => ("打印标签", "Print labels"),
    LabelsTitle => ("配件标签", "Part labels"),
    LabelsN => ("共 {0} 张标签，每张带配件编号二维码。", "{0} labels, each with a QR code of the part number."),
    NoLabels => ("筛选条件下没有配件，没有可打印的标签。", "No parts match the filters: no labels to print."),
    BackToList => ("返回列表", "Back to the list"),
    BreakdownPartsWait => ("其中待配件", "Waiting for parts"),
    OfWhichPartsWaitN => ("（其中待配件 {0} 天）", "({0} of them waiting for parts)"),
    BreakdownAdded => ("延长天数", "Days added"),
    RepairStillOpen => ("维修中（计至今日）", "Open (counted to today)"),
    AnotherDealersRequest => ("其他经销商的报修", "Another dealer's request"),
    ChangeWarranty => ("变更三包日期", "Change warranty dates"),
    ActWarrantyChanged => ("变更三包日期", "Warranty dates changed"),
    ChangeWarrantyBody => ("销售日期、三包截止和延保截止涉及客户的法定权益，变更须说明原因，并记入产品档案。整机三包期不少于一年。", "The sale date, the 三包 end and the extended warranty end are the customer's legal rights: a change needs a reason and is written on the machine's timeline. A whole machine's 三包 period is at least one year."),
    ChangeWarrantyReason => ("变更原因", "Reason for the change"),
    ReissuesSection => ("三包凭证补办", "三包 certificate reissues"),
    ReissuesEmpty => ("没有三包凭证补办记录。", "No certificate reissue recorded."),
    ReissueRecord => ("登记补办申请", "Record a reissue request"),
    ReissueRecordBody => ("客户遗失三包凭证的，应在接到申请之日起 10 个工作日内补办（按系统工作日历，节假日不计，调休上班日计入）。", "A lost 三包 certificate is reissued within 10 working days of the request (by the working-day calendar: holidays do not count, make-up working days do)."),
    ReissueRequestedBy => ("申请人", "Requested by"),
    ReissueRequestedOn => ("申请日期", "Requested on"),
    ReissueNotes => ("备注", "Notes"),
    ReissueDueOn => ("应补办日期", "Due on"),
    ReissueState => ("状态", "State"),
    ReissueOpen => ("办理中", "Open"),
    ReissueOverdue => ("已超期", "Overdue"),
    ReissueDone => ("已补办", "Reissued"),
    ReissueMarkDone => ("办结补办", "Mark reissued"),
    ReissueMarkDoneBody => ("填写新三包凭证的编号和补发日期。", "Enter the new certificate's number and the day it was issued."),
    ReissueNumber => ("新凭证编号", "New certificate number"),
    ReissuedOn => ("补发日期", "Reissued on"),
    ActReissueRequested => ("登记三包凭证补办申请", "Certificate reissue requested"),
    ActReissued => ("三包凭证已补办", "Certificate reissued"),
    ExpiredDaysAgo => ("已过期 {0} 天", "Expired {0} days ago"),
    TechParams => ("技术参数", "Technical parameters"),
    NoParams => ("暂无技术参数。", "No technical parameters recorded."),
    ParamKey => ("参数名称", "Parameter"),
    ParamValue => ("参数值", "Value"),
    OwnerSection => ("机主信息", "Owner"),

    // Product models
    ModelsTitle => ("产品型号", "Product models"),
    ModelSearchPlaceholder => ("型号编码或名称", "Model code or name"),
    ModelCode => ("型号编码", "Model code"),
    ModelName => ("型号名称", "Model name"),
    WarrantyMonths => ("保修月数", "Warranty months"),
    WarrantyMonthsHint => ("0–120 个月，从销售日期起算", "0–120 months from the sale date"),
    WarrantyMonthsN => ("{0} 个月", "{0} months"),
    NewModel => ("新建型号", "New model"),
    NoModels => ("还没有产品型号。", "There are no product models yet."),
    NoModelsMatch => ("没有符合条件的型号。", "No model matches these filters."),
    CreateModelTitle => ("新建产品型号", "New product model"),
    EditModelTitle => ("产品型号：{0}", "Product model: {0}"),
    AddParam => ("添加参数", "Add a parameter"),
    RemoveParam => ("删除", "Remove"),
    RemoveParamN => ("删除参数 {0}", "Remove parameter {0}"),

    // Dealers
    DealersTitle => ("经销商", "Dealers"),
    DealerCode => ("经销商编号", "Dealer code"),
    DealerName => ("经销商名称", "Name"),
    SalesRegion => ("销售区域", "Sales region"),
    SalesRegionHint => ("省份，如 黑龙江", "Province, e.g. Heilongjiang"),
    ContactName => ("联系人", "Contact"),
    ContactPhone => ("联系电话", "Contact phone"),
    NewDealer => ("新建经销商", "New dealer"),
    NoDealers => ("还没有经销商。", "There are no dealers yet."),
    CreateDealerTitle => ("新建经销商", "New dealer"),
    EditDealerTitle => ("经销商：{0}", "Dealer: {0}"),

    // Engineers
    EngineersTitle => ("工程师", "Engineers"),
    EngineerSearchPlaceholder => ("用户名或姓名", "Login or name"),
    EngineerName => ("姓名", "Name"),
    Skills => ("技能（可维修的机型类别）", "Skills (machine categories)"),
    SkillsShort => ("技能", "Skills"),
    HomeBase => ("驻地", "Home base"),
    HomeBaseHint => ("如 哈尔滨服务站", "For example: Harbin service station"),
    Dispatchable => ("可派工", "Available"),
    NotDispatchable => ("暂停派工", "Not available"),
    DispatchableLabel => ("可以接受派工", "Available for dispatch"),
    NoEngineers => ("没有符合条件的工程师。", "No engineer matches these filters."),
    EditEngineerTitle => ("工程师：{0}", "Engineer: {0}"),
    NoSkills => ("未设置", "None set"),

    // Import
    ImportTitle => ("批量导入", "Import"),
    ImportIntro => ("上传 Excel（.xlsx）或 CSV 文件。系统先逐行检查，不写入任何数据；确认无误后再导入。按客户编号、出厂编号或型号编码匹配已有档案：匹配的行更新档案，相同的行不变。", "Upload an Excel (.xlsx) or CSV file. Every row is checked first and nothing is written; import once the check is clean. Rows are matched to existing records by customer code, serial number or model code: a matching row updates the record, an identical one changes nothing."),
    ImportStep1 => ("1. 选择导入内容", "1. What to import"),
    ImportStep2 => ("2. 选择文件", "2. Choose the file"),
    ImportStep3 => ("3. 检查结果", "3. Check result"),
    ImpCustomers => ("客户档案", "Customers"),
    ImpMachines => ("产品档案", "Machines"),
    ImpModels => ("产品型号", "Product models"),
    ImpParts => ("配件", "Parts"),
    ImpPartsHint => ("配件按配件编号匹配；适用型号填产品型号编码，多个用“;”或“、”分隔；标准成本以元为单位。类别填英文代码：{0}。", "Parts are matched by part number; list the models they fit by model code, separated by “;”; the standard cost is in yuan. Write the category as its code: {0}."),
    ImpMachinesHint => ("产品档案按型号编码和客户编号关联，请先导入型号和客户。", "Machines refer to models and customers by code: import those first."),
    DownloadTemplate => ("下载模板", "Download the template"),
    TemplateHint => ("CSV 模板（UTF-8），可用 Excel 打开填写；GBK 编码的 CSV 也可以导入。", "A CSV template (UTF-8) to fill in with Excel; GBK-encoded CSV files import as well."),
    ChooseFile => ("选择文件（.csv 或 .xlsx）", "File (.csv or .xlsx)"),
    FileChosen => ("{0}（{1} KB）", "{0} ({1} KB)"),
    FileTooLarge => ("文件超过 {0} MB，无法导入。", "The file is larger than {0} MB and cannot be imported."),
    FileUnreadable => ("无法读取该文件。", "The file could not be read."),
    CheckFile => ("检查文件", "Check the file"),
    Checking => ("正在检查…", "Checking…"),
    ConfirmImport => ("确认导入", "Import now"),
    Importing => ("正在导入…", "Importing…"),
    ImportDone => ("导入完成：新建 {0}，更新 {1}，无变化 {2}。", "Imported: {0} created, {1} updated, {2} unchanged."),
    ImportSummary => ("共 {0} 行：新建 {1}，更新 {2}，无变化 {3}，错误 {4}。", "{0} rows: {1} to create, {2} to update, {3} unchanged, {4} with errors."),
    ImportHasErrors => ("文件中有 {0} 行错误，不能导入。请在文件中改正标出的行后重新检查。", "{0} rows have errors, so nothing can be imported. Correct the marked rows in the file and check it again."),
    ImportReady => ("检查通过，可以导入。", "The check is clean: ready to import."),
    ImportNothing => ("文件中没有数据行。", "The file has no data rows."),
    ImportRefused => ("导入被拒绝，没有写入任何数据。", "The import was refused; nothing was written."),
    IgnoredColumns => ("未识别的列（已忽略）：{0}", "Columns not recognised (ignored): {0}"),
    ColRow => ("行号", "Row"),
    ColKey => ("编号", "Key"),
    ColAction => ("处理", "Action"),
    ColErrors => ("问题", "Problems"),
    IaCreate => ("新建", "Create"),
    IaUpdate => ("更新", "Update"),
    IaUnchanged => ("无变化", "Unchanged"),
    IaError => ("错误", "Error"),
    ShowOnlyErrors => ("只看错误行", "Only rows with errors"),
    StartOver => ("重新选择文件", "Choose another file"),
    OpenList => ("查看列表", "Open the list"),
}

impl I18n {
    /// A master data label in the current language.
    pub fn m(&self, key: M) -> &'static str {
        let &(zh, en) = key.pair();
        match self.lang {
            crate::i18n::Lang::ZhCn => zh,
            crate::i18n::Lang::En => en,
        }
    }

    /// A master data label with `{0}`, `{1}`... filled in.
    pub fn mf(&self, key: M, args: &[&str]) -> String {
        crate::i18n::T::Master(key).fill(self.lang, args)
    }
}

/// 个人 / 家庭农场 / 合作社 / 企业.
pub fn customer_kind(kind: CustomerKind) -> M {
    match kind {
        CustomerKind::Individual => M::KindIndividual,
        CustomerKind::Farm => M::KindFarm,
        CustomerKind::Cooperative => M::KindCooperative,
        CustomerKind::Company => M::KindCompany,
    }
}

/// 拖拉机 / 联合收割机 / ...
pub fn machine_category(c: MachineCategory) -> M {
    match c {
        MachineCategory::Tractor => M::CatTractor,
        MachineCategory::CombineHarvester => M::CatCombine,
        MachineCategory::Planter => M::CatPlanter,
        MachineCategory::Transplanter => M::CatTransplanter,
        MachineCategory::Sprayer => M::CatSprayer,
        MachineCategory::Baler => M::CatBaler,
        MachineCategory::Other => M::CatOther,
    }
}

/// 配件类别.
pub fn part_category(c: furrow_domain::parts::PartCategory) -> M {
    use furrow_domain::parts::PartCategory as P;
    match c {
        P::Filter => M::PcFilter,
        P::Belt => M::PcBelt,
        P::Bearing => M::PcBearing,
        P::Blade => M::PcBlade,
        P::Chain => M::PcChain,
        P::Lubricant => M::PcLubricant,
        P::Seal => M::PcSeal,
        P::Engine => M::PcEngine,
        P::Electrical => M::PcElectrical,
        P::Hydraulic => M::PcHydraulic,
        P::Transmission => M::PcTransmission,
        P::Tyre => M::PcTyre,
        P::Fastener => M::PcFastener,
        P::Other => M::PcOther,
    }
}

/// 总库 / 区域库 / 服务车 / 经销商库.
pub fn warehouse_kind(k: furrow_domain::parts::WarehouseKind) -> M {
    use furrow_domain::parts::WarehouseKind as W;
    match k {
        W::Central => M::WhCentral,
        W::Regional => M::WhRegional,
        W::ServiceVan => M::WhServiceVan,
        W::Dealer => M::WhDealer,
    }
}

/// 入库 / 出库 / 退库 / 退换 / 调整 / 调拨.
pub fn movement_kind(k: furrow_domain::parts::MovementKind) -> M {
    use furrow_domain::parts::MovementKind as K;
    match k {
        K::Receipt => M::MkReceipt,
        K::Issue => M::MkIssue,
        K::Return => M::MkReturn,
        K::ExchangeOut => M::MkExchangeOut,
        K::ExchangeIn => M::MkExchangeIn,
        K::Adjustment => M::MkAdjustment,
        K::TransferOut => M::MkTransferOut,
        K::TransferIn => M::MkTransferIn,
    }
}

/// 正常使用 / 维修中 / 停用.
pub fn machine_status(s: MachineStatus) -> M {
    match s {
        MachineStatus::Operational => M::MsOperational,
        MachineStatus::UnderRepair => M::MsUnderRepair,
        MachineStatus::Retired => M::MsRetired,
    }
}

/// 三包期内 / 延保期内 / 已过保 / 未知.
pub fn warranty_status(s: WarrantyStatus) -> M {
    match s {
        WarrantyStatus::InWarranty => M::WsInWarranty,
        WarrantyStatus::ExtendedWarranty => M::WsExtendedWarranty,
        WarrantyStatus::Expired => M::WsExpired,
        WarrantyStatus::Unknown => M::WsUnknown,
    }
}

/// A service request's status as the timeline shows it.
pub fn request_status(s: RequestStatus) -> M {
    match s {
        RequestStatus::New => M::RsNew,
        RequestStatus::Dispatched => M::RsDispatched,
        RequestStatus::InService => M::RsInService,
        RequestStatus::PendingReview => M::RsPendingReview,
        RequestStatus::PendingSignoff => M::RsPendingSignoff,
        RequestStatus::Completed => M::RsCompleted,
        RequestStatus::ResolvedRemotely => M::RsResolvedRemotely,
        RequestStatus::Closed => M::RsClosed,
        RequestStatus::Cancelled => M::RsCancelled,
    }
}

/// What an import does with a row.
pub fn import_action(a: ImportAction) -> M {
    match a {
        ImportAction::Create => M::IaCreate,
        ImportAction::Update => M::IaUpdate,
        ImportAction::Unchanged => M::IaUnchanged,
        ImportAction::Error => M::IaError,
    }
}

/// What a file holds.
pub fn import_kind(k: ImportKind) -> M {
    match k {
        ImportKind::Customers => M::ImpCustomers,
        ImportKind::Machines => M::ImpMachines,
        ImportKind::ProductModels => M::ImpModels,
        ImportKind::Parts => M::ImpParts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, T};

    #[test]
    fn policy_terms_label_the_master_data() {
        assert_eq!(T::Master(M::TechParams).text(Lang::ZhCn), "技术参数");
        assert_eq!(T::Master(M::NavDealers).text(Lang::ZhCn), "经销商");
        assert_eq!(T::Master(M::TlPartReplacement).text(Lang::ZhCn), "配件更换");
        assert_eq!(
            machine_category(MachineCategory::Transplanter).pair().0,
            "插秧机"
        );
        assert_eq!(customer_kind(CustomerKind::Cooperative).pair().0, "合作社");
    }

    #[test]
    fn fill_works_for_master_labels() {
        assert_eq!(
            T::Master(M::ImportDone).fill(Lang::En, &["1", "2", "3"]),
            "Imported: 1 created, 2 updated, 3 unchanged."
        );
    }
}
