/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const backend = process.env.LUMO_BACKEND_URL ?? "http://127.0.0.1:8000";
const proxy = Object.fromEntries(
  ["/api", "/webhooks", "/q", "/healthz"].map((p) => [p, { target: backend, changeOrigin: false }]),
);

export default defineConfig({
  base: "/",
  plugins: [react()],
  server: { port: 5173, proxy },
  preview: { proxy },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
