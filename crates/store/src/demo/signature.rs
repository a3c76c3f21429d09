//! The drawn signature of a demo customer: a real PNG, as the API would hand
//! the sign-off after checking one, a short scribble that differs by customer.
//! Drawing it needs a PNG encoder (the `png` crate); nothing here validates.

use base64::Engine;

const WIDTH: u32 = 120;
const HEIGHT: u32 = 40;

/// The signature as a client sends it (`data:image/png;base64,…`).
pub fn data_url(png: &[u8]) -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}

/// The signature's PNG bytes; `seed` bends the scribble.
pub fn png(seed: usize) -> Vec<u8> {
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
    bytes
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_signature_decodes_as_a_whole_png_of_its_size() {
        let bytes = super::png(5);
        let mut reader = png::Decoder::new(std::io::Cursor::new(&bytes))
            .read_info()
            .unwrap();
        assert_eq!(
            (reader.info().width, reader.info().height),
            (super::WIDTH, super::HEIGHT)
        );
        let mut buf = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut buf).unwrap();
    }
}
