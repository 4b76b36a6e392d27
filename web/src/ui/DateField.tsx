import { DateInput, type DateInputProps } from "@mantine/dates";

type Props = Omit<DateInputProps, "value" | "onChange" | "valueFormat" | "dateParser"> & {
  value: string | null;
  onChange: (value: string | null) => void;
};

/** Parses what people type: «5.3.2024», «05.03.2024» or an ISO date. */
export function parseRuDate(input: string): string | null {
  const s = input.trim();
  const ru = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [y, m, d] = ru ? [Number(ru[3]), Number(ru[2]), Number(ru[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0];
  if (!y) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A date input that shows dd.mm.yyyy and holds 'YYYY-MM-DD' strings. */
export function DateField({ value, onChange, placeholder = "дд.мм.гггг", clearable = true, ...rest }: Props) {
  return (
    <DateInput
      {...rest}
      value={value || null}
      onChange={(v) => onChange(v ? v.slice(0, 10) : null)}
      valueFormat="DD.MM.YYYY"
      dateParser={parseRuDate}
      placeholder={placeholder}
      clearable={clearable}
      locale="ru"
    />
  );
}
