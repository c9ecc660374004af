/** A text input's value from a submitted form; empty when the field is missing. */
export function textField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
