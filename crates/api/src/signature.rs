//! The customer's drawn signature as it arrives: a base64 PNG, often as a
//! `data:` URL. It is decoded and proved to be an image of sensible size here,
//! at the edge, so the store keeps only bytes that are a real PNG.

use furrow_domain::service::rules::MAX_SIGNATURE_BYTES;
use furrow_domain::validation::{ValidationErrors, Validator};

use base64::Engine;

/// Largest signature canvas accepted, in pixels per side.
const MAX_SIDE: u32 = 4000;

/// The PNG bytes of a drawn signature (`data:image/png;base64,…` or bare
/// base64), or a 422 on `signature_png` saying what is wrong with it.
pub fn decode(raw: &str) -> Result<Vec<u8>, ValidationErrors> {
    let bad = |msg: &str| {
        let mut v = Validator::new();
        v.error("signature_png", "invalid", msg);
        v.finish().unwrap_err()
    };
    let b64 = raw
        .trim()
        .strip_prefix("data:image/png;base64,")
        .unwrap_or(raw.trim());
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .map_err(|_| bad("the signature is not base64"))?;
    if bytes.len() > MAX_SIGNATURE_BYTES {
        return Err(bad(&format!(
            "the signature image is larger than {} KiB",
            MAX_SIGNATURE_BYTES / 1024
        )));
    }
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder
        .read_info()
        .map_err(|_| bad("the signature is not a PNG image"))?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(bad("the signature image has an unusable size"));
    }
    let mut buf = vec![0; reader.output_buffer_size()];
    reader
        .next_frame(&mut buf)
        .map_err(|_| bad("the signature image is damaged"))?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::decode;
    use base64::Engine;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&vec![255; (width * height) as usize])
            .unwrap();
        writer.finish().unwrap();
        bytes
    }

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    fn refusal(raw: &str) -> String {
        let e = decode(raw).unwrap_err();
        assert!(e.0.iter().all(|f| f.field == "signature_png"), "{e}");
        e.to_string()
    }

    #[test]
    fn a_png_comes_back_as_its_bytes_with_or_without_the_data_url_prefix() {
        let bytes = png(12, 4);
        assert_eq!(decode(&b64(&bytes)).unwrap(), bytes);
        let url = format!("data:image/png;base64,{}", b64(&bytes));
        assert_eq!(decode(&url).unwrap(), bytes);
    }

    #[test]
    fn text_that_is_no_png_is_refused_on_the_signature_field() {
        for (raw, why) in [("not base64!", "not base64"), ("aGVsbG8=", "not a PNG")] {
            let e = refusal(raw);
            assert!(e.contains(why), "{e}");
        }
    }

    #[test]
    fn an_oversized_or_cut_off_image_is_refused() {
        assert!(refusal(&b64(&png(4001, 1))).contains("unusable size"));
        let big = vec![0u8; super::MAX_SIGNATURE_BYTES + 1];
        assert!(refusal(&b64(&big)).contains("larger than"));
        let whole = png(40, 40);
        assert!(refusal(&b64(&whole[..whole.len() - 20])).contains("damaged"));
    }
}
