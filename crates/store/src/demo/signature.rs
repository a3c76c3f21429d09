//! The drawn signature of a demo customer: a real PNG (the sign-off command
//! decodes and checks it), a short scribble that differs by customer.

use base64::Engine;

const WIDTH: u32 = 120;
const HEIGHT: u32 = 40;

/// A `data:image/png;base64,…` signature; `seed` bends the scribble.
pub fn png_data_url(seed: usize) -> String {
    let mut pixels = vec![255u8; (WIDTH * HEIGHT) as usize];
    let bend = 3.0 + (seed % 7) as f64;
    for x in 10..WIDTH - 10 {
        let y = f64::from(HEIGHT) / 2.0 + bend * (f64::from(x) / (4.0 + (seed % 3) as f64)).sin();
        let y = (y as u32).min(HEIGHT - 2);
        for dy in 0..2 {
            pixels[((y + dy) * WIDTH + x) as usize] = 20;
        }
    }
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        // Writing into memory cannot fail; an encoder error would be a bug here.
        let mut writer = encoder.write_header().expect("PNG header into memory");
        writer
            .write_image_data(&pixels)
            .expect("PNG data into memory");
    }
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_signature_is_a_png_the_sign_off_accepts() {
        let url = super::png_data_url(5);
        assert!(crate::service::signoff::decode_signature(&url).is_ok());
    }
}
