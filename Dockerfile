# Production image: one image, a role per container (docker/entrypoint.sh):
#   docker run IMAGE gateway | identity | screening | booking | payments | care
#   docker run IMAGE workers booking     (workers only: /metrics and /health on METRICS_PORT)
#   docker run IMAGE relay               (outbox relay: /metrics and /health on METRICS_PORT)
#   docker run IMAGE migrate             (applies prisma/migrations, then exits)
# Services run the `npm run build` bundles on Node 24 LTS as a non-root user.
# For local development use `npm start`, or the compose `app` profile.

FROM node:24.22.3-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY packages ./packages
COPY services ./services
COPY tests/package.json ./tests/package.json
RUN npm ci --no-audit --no-fund
COPY . .
RUN node packages/db/bin/generate.mjs && npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24.22.3-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PROJECT_ROOT=/app DOCUMENT_STORAGE_DIR=/var/lib/mm/documents
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/services ./services
COPY --from=build /app/prisma ./prisma
COPY docker/entrypoint.sh /usr/local/bin/mm
# The image's `node` user (uid 1000); documents live on a volume it owns.
RUN mkdir -p /var/lib/mm/documents && chown -R node:node /var/lib/mm
USER node
VOLUME ["/var/lib/mm/documents"]
EXPOSE 4000 4001 4002 4003 4004 4005 9464
ENTRYPOINT ["mm"]
CMD ["gateway"]
