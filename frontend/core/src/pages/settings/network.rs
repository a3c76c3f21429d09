//! The service network (服务网点范围): the stations and the area each serves,
//! by division codes (county, prefecture or province) and/or a radius around
//! a point. Only a site inside it gets the busy-season 三包 deadline.
//! Checked here with the domain's own rules before sending.

use super::division_picker::DivisionPicker;
use super::frame::{SettingFormProps, setting_field_id, use_setting_form, use_setting_page};
use crate::components::form::{FieldErrors, TextFieldProps, save_button, text_field};
use crate::hooks::{I18n, use_i18n};
use crate::i18n::home::H;
use furrow_domain::FieldError;
use furrow_domain::division::Division;
use furrow_domain::service::sanbao::{ServiceNetwork, ServiceStation};
use furrow_domain::service::site::GeoPoint;
use furrow_domain::settings::Setting;
use yew::prelude::*;

/// One station as typed: codes separated by spaces or commas, numbers as text.
#[derive(Debug, Clone, Default, PartialEq)]
struct Station {
    name: String,
    divisions: String,
    lat: String,
    lon: String,
    radius: String,
}

impl Station {
    /// Adds a division picked by name to the typed codes, once.
    fn add_division(&mut self, code: Division) {
        let code = code.to_string();
        if !self
            .divisions
            .split([' ', ',', '，', '、'])
            .any(|c| c == code)
        {
            let sep = if self.divisions.trim().is_empty() {
                ""
            } else {
                " "
            };
            self.divisions = format!("{}{sep}{code}", self.divisions.trim_end());
        }
    }
}

fn num(v: Option<f64>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn from_network(n: &ServiceNetwork) -> Vec<Station> {
    n.stations
        .iter()
        .map(|s| Station {
            name: s.name.clone(),
            divisions: s
                .divisions
                .iter()
                .map(Division::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            lat: num(s.location.map(|p| p.lat)),
            lon: num(s.location.map(|p| p.lon)),
            radius: num(s.radius_km),
        })
        .collect()
}

/// The network to save, or the fields to fix: codes and numbers that do not
/// read, then the domain's own checks (the server runs the same ones).
fn to_network(draft: &[Station]) -> Result<ServiceNetwork, FieldErrors> {
    let mut bad = Vec::new();
    let mut stations = Vec::new();
    for (i, s) in draft.iter().enumerate() {
        let mut refuse = |field: &str, code: &str| {
            bad.push(FieldError {
                field: format!("stations[{i}].{field}"),
                code: code.into(),
                message: code.into(),
            })
        };
        let mut divisions = Vec::new();
        for code in s
            .divisions
            .split([' ', ',', '，', '、'])
            .filter(|c| !c.is_empty())
        {
            match Division::from_code(code) {
                Some(d) => divisions.push(d),
                None => refuse("divisions", "unknown_region"),
            }
        }
        let mut read = |field: &str, text: &str| -> Option<f64> {
            let t = text.trim();
            if t.is_empty() {
                return None;
            }
            let v = t.parse::<f64>().ok().filter(|x| x.is_finite());
            if v.is_none() {
                refuse(field, "not_a_number");
            }
            v
        };
        let (lat, lon) = (read("location", &s.lat), read("location", &s.lon));
        let radius_km = read("radius_km", &s.radius);
        stations.push(ServiceStation {
            name: s.name.trim().to_owned(),
            divisions,
            location: lat.zip(lon).map(|(lat, lon)| GeoPoint { lat, lon }),
            radius_km,
        });
    }
    if !bad.is_empty() {
        return Err(FieldErrors(bad));
    }
    let n = ServiceNetwork { stations };
    Setting::validate(&n).map_err(FieldErrors::from)?;
    Ok(n)
}

fn field_id(field: &str) -> String {
    setting_field_id("service_network", field)
}

#[function_component(NetworkForm)]
fn network_form(props: &SettingFormProps<ServiceNetwork>) -> Html {
    let i18n = use_i18n();
    let (form, onsubmit) = use_setting_form(props, from_network, |d| to_network(d));
    let busy = *form.busy;
    let err = |f: &str| form.errors.text(&i18n, f);
    let rows = form.draft.iter().enumerate().map(|(i, s)| {
        let f = |name: &str| format!("stations[{i}].{name}");
        let set = |which: fn(&mut Station, String)| {
            form.change(move |d: &mut Vec<Station>, v: String| which(&mut d[i], v))
        };
        let remove = form.change(move |d: &mut Vec<Station>, _: MouseEvent| {
            d.remove(i);
        });
        html! {
            <li class="calendar-year panel" key={i} data-testid={format!("station-{i}")}>
                <div class="form-grid">
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&f("name")), label: i18n.h(H::NetStation), value: s.name.clone(), oninput: set(|s, v| s.name = v), error: err(&f("name")), required: true })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&f("divisions")), label: i18n.h(H::NetDivisions), hint: i18n.h(H::NetDivisionsHint), value: s.divisions.clone(), oninput: set(|s, v| s.divisions = v), error: err(&f("divisions")), optional: true })) }
                    <DivisionPicker id={format!("station-{i}-picker")} codes={s.divisions.clone()} on_pick={form.change(move |d: &mut Vec<Station>, code: Division| d[i].add_division(code))} />
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&f("lat")), label: i18n.h(H::NetLat), value: s.lat.clone(), oninput: set(|s, v| s.lat = v), error: err(&f("location")), optional: true })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&f("lon")), label: i18n.h(H::NetLon), value: s.lon.clone(), oninput: set(|s, v| s.lon = v), optional: true })) }
                    { text_field(&i18n, &yew::props!(TextFieldProps { id: field_id(&f("radius_km")), label: i18n.h(H::NetRadius), value: s.radius.clone(), oninput: set(|s, v| s.radius = v), error: err(&f("radius_km")), optional: true })) }
                </div>
                <button type="button" class="btn btn-small btn-ghost" data-testid={format!("station-{i}-remove")} onclick={remove}>
                    { i18n.h(H::RemoveSeason) }
                </button>
            </li>
        }
    });
    let add = form.change(|d: &mut Vec<Station>, _: MouseEvent| d.push(Station::default()));
    html! {
        <form class="form" {onsubmit} novalidate=true data-testid="service_network-form">
            { form.failure_banner(&i18n, &["stations["], &props.on_reload, "service_network-save-error") }
            <ol class="calendar-years">{ for rows }</ol>
            <button type="button" class="btn btn-small" data-testid="station-add" onclick={add}>
                { i18n.h(H::NetAddStation) }
            </button>
            { save_button(&i18n, busy, i18n.h(H::SaveSettings), "service_network-save") }
        </form>
    }
}

fn nothing(_: &I18n, _: &ServiceNetwork) -> Html {
    Html::default()
}

#[function_component(NetworkSettingsPage)]
pub fn network_settings_page() -> Html {
    let texts = (H::SettingNetwork, H::AboutSettingNetwork);
    use_setting_page::<NetworkForm, _>(texts, nothing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_network_round_trips_through_the_form() {
        let n = ServiceNetwork::default();
        assert_eq!(to_network(&from_network(&n)).unwrap(), n);
    }

    #[test]
    fn a_division_picked_by_name_is_added_once() {
        let mut s = Station::default();
        let zhoukou = Division::from_code("411600").unwrap();
        s.add_division(zhoukou);
        s.add_division(Division::from_code("410000").unwrap());
        s.add_division(zhoukou);
        assert_eq!(s.divisions, "411600 410000");
    }

    #[test]
    fn unknown_codes_and_a_radius_without_a_point_land_on_their_fields() {
        let draft = vec![
            Station {
                name: "周口站".into(),
                divisions: "411600, 99".into(),
                ..Station::default()
            },
            Station {
                name: "郑州站".into(),
                radius: "50".into(),
                ..Station::default()
            },
        ];
        let errors = to_network(&draft).unwrap_err();
        assert_eq!(errors.0[0].field, "stations[0].divisions");
        let mut draft = draft;
        draft[0].divisions = "411600".into();
        let errors = to_network(&draft).unwrap_err();
        assert_eq!(errors.0[0].field, "stations[1].location");
        draft[1].lat = "34.75".into();
        draft[1].lon = "113.62".into();
        let n = to_network(&draft).unwrap();
        assert_eq!(n.stations[1].radius_km, Some(50.0));
        assert_eq!(
            n.stations[0].divisions,
            vec![Division::from_code("411600").unwrap()]
        );
    }
}
