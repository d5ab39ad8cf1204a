import { ParcoursError } from "@parcours-eval/core";

/** A finite number from a flag's text; `CLI_BAD_OPTION` naming the flag otherwise. */
export function numberOption(flag: string, text: string, example = "0"): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) {
    throw new ParcoursError("CLI_BAD_OPTION", `--${flag} must be a number, got "${text}"`, {
      hint: `e.g. --${flag} ${example}`,
    });
  }
  return v;
}

/** One of the allowed values; `CLI_BAD_OPTION` listing them otherwise. */
export function choiceOption<T extends string>(
  flag: string,
  text: string,
  allowed: readonly T[],
): T {
  if (!allowed.includes(text as T)) {
    throw new ParcoursError(
      "CLI_BAD_OPTION",
      `--${flag} must be one of ${allowed.join(", ")}; got "${text}"`,
      {
        hint: `e.g. --${flag} ${allowed[0]}`,
      },
    );
  }
  return text as T;
}
