/** The number the ASCII digits of text from `from` to `to` write (the caller has checked they are digits). */
export function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let at = from; at < to; at++) value = value * 10 + text.charCodeAt(at) - 48;
  return value;
}
