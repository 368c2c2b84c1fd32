import { defineConfig } from "vitest/config";

// Served under /desk/ (local mode's gateway, or the static host in AWS); config.json is not built:
// local mode answers it, and the deploy writes it next to the page. `npm run dev` serves the page
// with instant reloads and hands everything else, config.json included, to local mode on :8080.
const localMode = process.env.JANELA ?? "http://localhost:8080";

export default defineConfig({
  base: "/desk/",
  build: {
    target: "es2022",
    sourcemap: false,
    emptyOutDir: true,
  },
  server: {
    proxy: {
      "/desk/config.json": localMode,
      "^/(?!desk/|@|src/|node_modules/).*": localMode,
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
