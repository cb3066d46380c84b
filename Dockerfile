# Multi-stage build: compile TypeScript, then a slim runtime with production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci --no-audit --no-fund --ignore-scripts
# The dependency patches (patches/, what `postinstall` applies outside Docker).
COPY patches ./patches
RUN npx patch-package
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json
COPY web ./web
RUN npm run build:web

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
# Apollo Server as patched in the build stage (patch-package is a development dependency).
COPY --from=build /app/node_modules/@apollo/server ./node_modules/@apollo/server
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY data ./data
COPY schema.graphql ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:4000/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
