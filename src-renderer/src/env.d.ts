// Ambient types for the renderer build: Vite's import.meta.glob/env.
/// <reference types="vite/client" />
