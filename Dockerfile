# One image for the whole marketplace; the default command runs `npm start`
# (migrate, seed demo data, every service). In production run one container
# per service instead, e.g. `node --import tsx services/booking/src/server.ts`
# with RUN_WORKERS=false, plus worker containers and `npm run relay`.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
COPY services ./services
RUN npm ci --no-audit --no-fund
COPY . .
RUN node packages/db/bin/generate.mjs
ENV NODE_ENV=development HOST=0.0.0.0
EXPOSE 4000
CMD ["node", "scripts/start.mjs"]
