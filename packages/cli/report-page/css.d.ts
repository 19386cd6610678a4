// esbuild bundles the page's stylesheet; to TypeScript an imported .css file is just a module.
declare module '*.css';
