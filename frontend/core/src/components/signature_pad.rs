//! A box to sign in with a finger or a pen (pointer events on a canvas):
//! white paper, a round pen, strokes that continue when the finger leaves
//! the box for a moment, and the drawing as a PNG.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, PointerEvent};
use yew::prelude::*;

/// The canvas's own pixels; CSS scales it to the box.
const CANVAS_W: u32 = 1200;
const CANVAS_H: u32 = 360;

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
}

/// White paper and a round pen.
fn reset(canvas: &HtmlCanvasElement) {
    if let Some(ctx) = context(canvas) {
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, f64::from(CANVAS_W), f64::from(CANVAS_H));
        ctx.set_stroke_style_str("#111827");
        ctx.set_fill_style_str("#111827");
        ctx.set_line_width(5.0);
        ctx.set_line_cap("round");
        ctx.set_line_join("round");
    }
}

/// The event's position in canvas pixels.
fn point(canvas: &HtmlCanvasElement, e: &PointerEvent) -> (f64, f64) {
    let rect = canvas.get_bounding_client_rect();
    let sx = f64::from(canvas.width()) / rect.width().max(1.0);
    let sy = f64::from(canvas.height()) / rect.height().max(1.0);
    (
        (f64::from(e.client_x()) - rect.left()) * sx,
        (f64::from(e.client_y()) - rect.top()) * sy,
    )
}

/// The handles of one signature box.
#[derive(Clone)]
pub struct SignaturePad {
    canvas: NodeRef,
    /// Where the pen is while it touches the paper.
    pen: Rc<RefCell<Option<(f64, f64)>>>,
    /// Whether anything is drawn, read at once by the callbacks.
    drawn_now: Rc<Cell<bool>>,
    /// The same, for rendering (the hint hides once drawn).
    drawn: UseStateHandle<bool>,
    /// Signing was refused because nothing is drawn.
    pub missing: UseStateHandle<bool>,
}

/// A signature box whose paper is laid out once `shown` (the canvas exists).
#[hook]
pub fn use_signature_pad(shown: bool) -> SignaturePad {
    let pad = SignaturePad {
        canvas: use_node_ref(),
        pen: use_mut_ref(|| None),
        drawn_now: (*use_memo((), |_| Rc::new(Cell::new(false)))).clone(),
        drawn: use_state(|| false),
        missing: use_state(|| false),
    };
    let canvas = pad.canvas.clone();
    use_effect_with(shown, move |shown| {
        if *shown && let Some(c) = canvas.cast::<HtmlCanvasElement>() {
            reset(&c);
        }
    });
    pad
}

impl SignaturePad {
    /// The drawing as a PNG `data:` URL; none (and `missing` set) when
    /// nothing is drawn.
    pub fn png(&self) -> Option<String> {
        self.missing.set(!self.drawn_now.get());
        if !self.drawn_now.get() {
            return None;
        }
        let c = self.canvas.cast::<HtmlCanvasElement>()?;
        c.to_data_url_with_type("image/png").ok()
    }

    /// Blank paper again.
    pub fn clear(&self) {
        if let Some(c) = self.canvas.cast::<HtmlCanvasElement>() {
            reset(&c);
        }
        self.drawn_now.set(false);
        self.drawn.set(false);
    }

    fn on_down(&self) -> Callback<PointerEvent> {
        let (canvas, pen) = (self.canvas.clone(), self.pen.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(c) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            e.prevent_default();
            // Keep the stroke when the finger leaves the box for a moment.
            let _ = c.set_pointer_capture(e.pointer_id());
            let (x, y) = point(&c, &e);
            *pen.borrow_mut() = Some((x, y));
            if let Some(ctx) = context(&c) {
                ctx.begin_path();
                let _ = ctx.arc(x, y, 2.5, 0.0, std::f64::consts::TAU);
                ctx.fill();
            }
        })
    }

    fn on_move(&self) -> Callback<PointerEvent> {
        let pad = self.clone();
        Callback::from(move |e: PointerEvent| {
            let last = *pad.pen.borrow();
            let (Some((lx, ly)), Some(c)) = (last, pad.canvas.cast::<HtmlCanvasElement>()) else {
                return;
            };
            e.prevent_default();
            let (x, y) = point(&c, &e);
            if let Some(ctx) = context(&c) {
                ctx.begin_path();
                ctx.move_to(lx, ly);
                ctx.line_to(x, y);
                ctx.stroke();
            }
            *pad.pen.borrow_mut() = Some((x, y));
            if !pad.drawn_now.get() {
                pad.drawn_now.set(true);
                pad.drawn.set(true);
                pad.missing.set(false);
            }
        })
    }

    /// The box: the canvas (`label` for screen readers), `hint` until
    /// something is drawn, and `error` when signing without a drawing.
    pub fn view(&self, label: &str, hint: &str, error: &str) -> Html {
        let on_up = {
            let pen = self.pen.clone();
            Callback::from(move |_: PointerEvent| *pen.borrow_mut() = None)
        };
        html! {
            <>
                <div class={classes!("canvas-wrap", self.missing.then_some("has-error"))}>
                    <canvas ref={self.canvas.clone()} width={CANVAS_W.to_string()} height={CANVAS_H.to_string()}
                            class="sign-canvas" data-testid="sign-canvas" role="img"
                            aria-label={label.to_owned()}
                            onpointerdown={self.on_down()} onpointermove={self.on_move()}
                            onpointerup={on_up.clone()} onpointercancel={on_up} />
                    if !*self.drawn { <span class="canvas-hint" aria-hidden="true">{ hint.to_owned() }</span> }
                </div>
                if *self.missing { <div class="field-error" data-testid="sign-canvas-error">{ error.to_owned() }</div> }
            </>
        }
    }
}
