/**
 * A Vietnamese phone number as Zalo's template API takes it: `84` and the subscriber number
 * (9 digits for a mobile, 10 for a landline), from `0912 345 678`, `+84 912 345 678`,
 * `0084912345678` or `+84 (0) 912-345-678`. Null when it is not one.
 */
export function normalizePhone(input: string): string | null {
  let digits = input.trim().replace(/[\s.\-()]/g, "");
  if (digits.startsWith("+")) digits = digits.slice(1);
  else if (digits.startsWith("0084")) digits = digits.slice(2);
  else if (digits.startsWith("0")) digits = `84${digits.slice(1)}`;
  // "+84 (0) 912…": the trunk 0 written after the country code.
  if (digits.startsWith("840")) digits = `84${digits.slice(3)}`;
  return /^84\d{9,10}$/.test(digits) ? digits : null;
}
