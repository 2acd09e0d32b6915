import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev -w @textai/web` serves the app with hot reload and sends /api to a running server
// (`npm start`, port 8501; TEXTAI_API_URL points elsewhere).
const api = process.env.TEXTAI_API_URL ?? 'http://127.0.0.1:8501';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': api } },
  preview: { proxy: { '/api': api } },
});
