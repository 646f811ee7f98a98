# ICC Hub: one image for every process; the command picks the role.
#   api     node dist/apps/api/src/main.js       (default CMD)
#   worker  node dist/apps/worker/src/main.js
#   seed    node dist/apps/api/src/cli/seed.js   (runs the migrations, then loads the programme)
# Configuration comes only from the environment variables of libs/config/src/config.schema.ts
# (see .env.example); docker-compose.yml sets the ones production needs.

ARG NODE_IMAGE=node:20-bookworm-slim

# Shared base of the install stages: the compilers better-sqlite3 falls back to when no prebuilt
# binary fits, and npm 11, which honours the `allowScripts` field of package.json (only the
# approved packages run install scripts).
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
RUN npm install -g npm@11
WORKDIR /app
COPY package.json package-lock.json ./

# Every dependency, dev tools included, for the build.
FROM toolchain AS deps
RUN npm ci

# Server (tsc + tsc-alias into dist/) and web app (vite into apps/web/dist/).
FROM deps AS build
COPY . .
RUN npm run build

# Production dependencies only, compiled for the same base image as the runtime.
FROM toolchain AS prod-deps
RUN npm ci --omit=dev && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
# package.json carries "type": "module", which the compiled ES modules in dist/ need.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web/dist ./apps/web/dist
# The code stays owned by root (read-only for the app); DATA_DIR (default data/) is the only
# writable place. A named volume mounted here starts with this ownership.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Slim images have no curl: ask /health with node's fetch. 200 while the database and Redis answer.
# The worker has no HTTP server; docker-compose.yml gives it its own check.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
