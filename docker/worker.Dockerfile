# The BullMQ worker (no HTTP). Also runs migrations: `node dist/libs/core/src/database/migrate.js`.
#   docker build -f docker/worker.Dockerfile -t waypoint-worker .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build:server && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# MAIL_DIR (compose mounts a volume here): writable by the unprivileged user.
RUN mkdir -p /app/var/mail && chown node:node /app/var/mail
USER node
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/worker/src/main.js"]
