# Interview Room: the server plus the built web app, in one image.
FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.9

# Dependencies first, so source edits reuse this layer.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY packages/protocol/package.json packages/protocol/
COPY packages/questions/package.json packages/questions/
COPY tests/package.json tests/
RUN pnpm install --frozen-lockfile --filter '!@interview-room/e2e'

COPY . .
RUN pnpm --filter @interview-room/web build

ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
EXPOSE 3000
USER node
WORKDIR /app/apps/server
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--max-semi-space-size=64", "--import", "./loader/register.mjs", "src/main.ts"]
