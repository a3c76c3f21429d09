//! QR codes drawn on the server as SVG, so that no wasm bundle carries an
//! encoder: the pages show them as images.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// Side of one module (dark or light square), in SVG units.
pub const MODULE: u32 = 6;

/// Modules of light margin around the code (the standard's quiet zone).
pub const QUIET_ZONE: u32 = 4;

/// `text` as a QR code (error correction level M: a phone screen or a
/// printout with a crease still scans), `MODULE` units per module with the
/// quiet zone around it; an error when the text does not fit in a QR code.
pub fn svg(text: &str) -> Result<String, qrcode::types::QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)?;
    Ok(code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(MODULE, MODULE)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_image_is_square_with_the_quiet_zone_around_the_modules() {
        let text = "https://furrow.example/sign/abc";
        let modules = QrCode::with_error_correction_level(text, EcLevel::M)
            .unwrap()
            .width() as u32;
        let side = (modules + 2 * QUIET_ZONE) * MODULE;
        let image = svg(text).unwrap();
        assert!(
            image.contains(&format!(r#"width="{side}" height="{side}""#)),
            "{image}"
        );
        assert!(image.ends_with("</svg>"));
    }

    #[test]
    fn text_too_long_for_a_qr_code_is_an_error() {
        assert!(svg(&"x".repeat(4000)).is_err());
    }
}
