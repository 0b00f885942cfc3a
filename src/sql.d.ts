// SQL and HTML files are bundled as text (esbuild loader 'text'; jest transform in tools/).
declare module '*.sql' {
  const text: string;
  export default text;
}
declare module '*.html' {
  const text: string;
  export default text;
}
