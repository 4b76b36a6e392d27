// Select options from the shared label maps.
export type Option = { value: string; label: string };

export function optionsOf<K extends string>(labels: Record<K, string>, keys?: readonly K[]): Option[] {
  return (keys ?? (Object.keys(labels) as K[])).map((k) => ({ value: k, label: labels[k] }));
}
