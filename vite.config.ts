import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const API_ORIGIN = 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target: API_ORIGIN, changeOrigin: false },
  '/healthz': { target: API_ORIGIN, changeOrigin: false },
};

/**
 * The web app: sources in web/, built into dist/web (served by the API process in production).
 * Vendor code is split so that no chunk carries everything: React + router + react-query, antd's
 * runtime, echarts (loaded only with a chart); antd components stay with the pages that use them,
 * and every page is lazy-loaded by web/routes.tsx.
 */
export default defineConfig(({ command, mode }) => {
  // A production build is a production build even when started from a test run (vitest sets
  // NODE_ENV=test, which would otherwise ship React's and antd's development code).
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';

  return {
    root: path.join(ROOT, 'web'),
    publicDir: false,
    plugins: [react()],
    resolve: {
      alias: {
        '@web': path.join(ROOT, 'web'),
        '@common': path.join(ROOT, 'common'),
      },
    },
    server: { port: 5173, strictPort: true, proxy },
    preview: { port: 4173, proxy },
    build: {
      outDir: path.join(ROOT, 'dist', 'web'),
      emptyOutDir: true,
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              { name: 'vendor-echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 40 },
              {
                name: 'vendor-react',
                test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/,
                priority: 30,
              },
              // antd's runtime that every screen needs (theme, CSS-in-JS, config, feedback); its
              // components stay with the pages that use them (tables and date pickers load with those pages).
              {
                name: 'vendor-antd-core',
                test: /node_modules[\\/](@ant-design[\\/]|@rc-component[\\/](util|motion|resize-observer|portal|trigger|notification)[\\/]|antd[\\/]es[\\/](_util|config-provider|theme|locale|style|version|app|message|notification)[\\/]|dayjs[\\/])/,
                priority: 20,
              },
            ],
          },
        },
      },
    },
  };
});
