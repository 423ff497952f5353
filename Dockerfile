# wearables-mcp as a container: `serve --http` on 0.0.0.0:3001, data in /data (SQLite home) or
# PostgreSQL through DATABASE_URL. docs/deploy.md lists every variable.
#
# Stages: `build` compiles and bundles (dev dependencies, build tools); `deps` installs the
# production dependencies alone (npm ci --omit=dev; build tools only for better-sqlite3's native
# module when no prebuilt binary is reachable); the final image copies the bundle and those
# node_modules onto a clean base: no compiler, no dev dependency, no npm cache, a non-root user.
#
# NODE_IMAGE: the build stages' base, any Debian-based image with Node.js >= 20 and npm.
# RUNTIME_IMAGE: the final stage's base, the same Node.js version (npm not needed); by default the
# same official slim image, which holds no compiler.
ARG NODE_IMAGE=node:22-bookworm-slim
ARG RUNTIME_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json rolldown.config.mjs ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${RUNTIME_IMAGE} AS runtime
ENV NODE_ENV=production \
    WEARABLES_MCP_HOME=/data \
    LOG_FILE= \
    HTTP_HOST=0.0.0.0 \
    PORT=3001
WORKDIR /app
RUN groupadd --system --gid 10001 wearables \
 && useradd --system --uid 10001 --gid wearables --home-dir /data --shell /usr/sbin/nologin wearables \
 && mkdir -p /data \
 && chown wearables:wearables /data \
 && chmod 0700 /data
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/bin ./dist/bin
COPY --from=build /app/dist/tool-manifest.json ./dist/tool-manifest.json
COPY package.json ./
USER wearables
VOLUME ["/data"]
EXPOSE 3001
# /health answers 200 without a token (no secret in it); Node's own fetch, no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3001)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/bin/wearables-mcp.js"]
CMD ["serve", "--http"]
