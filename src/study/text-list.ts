/**
 * How messages list patients, columns and features: the first `max` items, then ', ...' when
 * there are more.
 *
 * @example
 *   someOf(['S001', 'S002', 'S003'], 2); // 'S001, S002, ...'
 */
export function someOf(items: readonly string[], max: number): string {
  return items.slice(0, max).join(', ') + (items.length > max ? ', ...' : '');
}
