import { defineConfig } from "vitest/config";

// Served under /desk/ (local mode's gateway, or the static host in AWS); config.json is not built:
// local mode answers it, and the deploy writes it next to the page.
export default defineConfig({
  base: "/desk/",
  build: {
    target: "es2022",
    sourcemap: false,
    emptyOutDir: true,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
