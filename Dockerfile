# syntax=docker/dockerfile:1
# Furrow: the `furrow` binary and the SPA it serves, in one small image.
#   docker build -t furrow .      (or: docker compose up --build)

# ---- npm: binaryen's wasm-opt, pinned by the browser tests' lock file ----
FROM node:22-bookworm-slim AS npm
WORKDIR /src/tests/browser
COPY tests/browser/package.json tests/browser/package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: Rust 1.95 on Debian bookworm ----
FROM rust:1.95.0-bookworm AS builder
# rust-toolchain.toml says "stable"; keep the image's toolchain instead of fetching another.
ENV RUSTUP_TOOLCHAIN=1.95.0 \
    CARGO_TERM_COLOR=never
RUN rustup target add wasm32-unknown-unknown
# wasm-opt is a Node.js script: bring node itself and the installed package.
COPY --from=npm /usr/local/bin/node /usr/local/bin/node
WORKDIR /src
COPY --from=npm /src/tests/browser/node_modules tests/browser/node_modules
COPY . .
RUN cargo xtask dist \
 && cargo build --release --locked -p furrow-api --bin furrow \
 && cp target/release/furrow /furrow

# ---- runtime ----
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --no-create-home --shell /usr/sbin/nologin furrow \
 && mkdir -p /data \
 && chown furrow:furrow /data
COPY --from=builder /furrow /usr/local/bin/furrow
COPY --from=builder /src/frontend/dist /app/web
ENV FURROW_BIND=0.0.0.0:8080 \
    FURROW_WEB_DIR=/app/web \
    FURROW_DATA_DIR=/data \
    FURROW_LOG_FORMAT=json
USER furrow
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
# No HEALTHCHECK: the slim image has no HTTP client; probe /healthz and /readyz from outside.
ENTRYPOINT ["furrow"]
CMD ["serve"]
