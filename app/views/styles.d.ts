/** A view may import its own stylesheet (Vite puts it in the view's lazily loaded chunk). */
declare module '*.css';
