// The CSS colour keywords package ships no types: a name maps to its [red, green, blue].
declare module 'color-name' {
  const names: Record<string, [number, number, number]>;
  export default names;
}
