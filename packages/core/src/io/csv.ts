import { existsSync } from "node:fs";
import { type CsvParserStream, parseFile, parseString } from "fast-csv";
import { type Column, categoricalColumn, dateColumn, dayNumber, numericColumn } from "../column.js";
import { ParcoursError } from "../errors.js";
import { Frame } from "../frame.js";

/** Options of {@link readCsv}. */
export interface ReadCsvOptions {
  /** Field separator (default `,`). */
  delimiter?: string;
  /** Field texts read as missing (default: empty field and `NA`). */
  na?: readonly string[];
  /** Columns that must be numeric: a non-number there is an error naming file:line:column. */
  numeric?: readonly string[];
  /** Columns read as categorical even when all values are numbers (e.g. codes like "01"). */
  categorical?: readonly string[];
  /** Columns read as ISO dates (YYYY-MM-DD); others are detected when every value is one. */
  dates?: readonly string[];
  /** Explicit level order per categorical column (first = reference level). */
  levels?: Readonly<Record<string, readonly string[]>>;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Types raw string columns: numeric, date or categorical, as the options and values say. */
function typeColumns(
  header: readonly string[],
  raw: (string | null)[][],
  options: ReadCsvOptions,
  file: string,
): Frame {
  const numeric = new Set(options.numeric ?? []);
  const categorical = new Set(options.categorical ?? []);
  const dates = new Set(options.dates ?? []);
  for (const name of [...numeric, ...categorical, ...dates]) {
    if (!header.includes(name)) {
      throw new ParcoursError(
        "CSV_UNKNOWN_COLUMN",
        `option names column "${name}", absent from the header`,
        {
          file,
          line: 1,
          column: name,
          hint: `the header has: ${header.join(", ")}`,
        },
      );
    }
  }
  const columns = new Map<string, Column>();
  header.forEach((name, j) => {
    const values = raw[j]!;
    if (categorical.has(name)) {
      columns.set(name, categoricalColumn(values, options.levels?.[name]));
      return;
    }
    const nonMissing = values.filter((v): v is string => v !== null);
    if (
      dates.has(name) ||
      (!numeric.has(name) && nonMissing.length > 0 && nonMissing.every((v) => ISO_DATE.test(v)))
    ) {
      values.forEach((v, i) => {
        if (v !== null && Number.isNaN(dayNumber(v))) {
          throw new ParcoursError("CSV_BAD_DATE", `"${v}" is not a valid date (YYYY-MM-DD)`, {
            file,
            line: i + 2,
            column: name,
            value: v,
            hint: "dates must be ISO 8601 calendar dates such as 2023-07-01",
          });
        }
      });
      columns.set(name, dateColumn(values));
      return;
    }
    const allNumbers = nonMissing.every((v) => NUMBER.test(v.trim()));
    if (numeric.has(name) && !allNumbers) {
      const i = values.findIndex((v) => v !== null && !NUMBER.test(v.trim()));
      throw new ParcoursError(
        "CSV_NOT_NUMERIC",
        `"${values[i]}" is not a number in column "${name}"`,
        {
          file,
          line: i + 2,
          column: name,
          value: values[i],
          hint: "numeric columns hold decimal numbers with a dot (e.g. 1234.5); leave the field empty when missing",
        },
      );
    }
    if (allNumbers && nonMissing.length > 0) {
      columns.set(name, numericColumn(values.map((v) => (v === null ? null : Number(v)))));
    } else if (nonMissing.length === 0 && !numeric.has(name)) {
      // An all-missing column: numeric NaN (its use in a model is reported there).
      columns.set(name, numericColumn(values.map(() => null)));
    } else if (numeric.has(name)) {
      columns.set(name, numericColumn(values.map((v) => (v === null ? null : Number(v)))));
    } else {
      columns.set(name, categoricalColumn(values, options.levels?.[name]));
    }
  });
  return new Frame(columns);
}

function collect(
  stream: CsvParserStream<string[], string[]>,
  file: string,
  options: ReadCsvOptions,
): Promise<Frame> {
  const na = new Set(options.na ?? ["", "NA"]);
  return new Promise((resolve, reject) => {
    let header: string[] | null = null;
    let raw: (string | null)[][] = [];
    let record = 0;
    stream.on("error", (err: Error) =>
      reject(
        new ParcoursError("CSV_PARSE", `cannot parse the CSV: ${err.message}`, {
          file,
          line: record + 1,
          cause: err,
          hint: "check quoting and the delimiter",
        }),
      ),
    );
    stream.on("data", (row: string[]) => {
      record++;
      if (header === null) {
        const seen = new Set<string>();
        row.forEach((h, j) => {
          if (h.trim() === "" || seen.has(h)) {
            stream.destroy();
            reject(
              new ParcoursError(
                "CSV_BAD_HEADER",
                h.trim() === ""
                  ? `header field ${j + 1} is empty`
                  : `column "${h}" appears twice in the header`,
                {
                  file,
                  line: 1,
                  column: j + 1,
                  hint: "the first line must name every column once",
                },
              ),
            );
          }
          seen.add(h);
        });
        header = row;
        raw = row.map(() => []);
        return;
      }
      if (row.length !== header.length) {
        if (row.length === 1 && row[0] === "") return; // a blank line
        stream.destroy();
        reject(
          new ParcoursError(
            "CSV_FIELD_COUNT",
            `line has ${row.length} fields, the header has ${header.length}`,
            {
              file,
              line: record,
              column: Math.min(row.length, header.length) + 1,
              hint: "every line needs one field per header column (quote fields containing the delimiter)",
            },
          ),
        );
        return;
      }
      for (let j = 0; j < row.length; j++) raw[j]!.push(na.has(row[j]!) ? null : row[j]!);
    });
    stream.on("end", () => {
      if (header === null) {
        reject(
          new ParcoursError("CSV_EMPTY", "the file is empty (no header line)", {
            file,
            hint: "the first line must name the columns",
          }),
        );
        return;
      }
      try {
        resolve(typeColumns(header, raw, options, file));
      } catch (e) {
        reject(e);
      }
    });
  });
}

/**
 * Reads a CSV file (header line, RFC 4180 quoting) into a {@link Frame} with fast-csv. Columns
 * whose values are all numbers become numeric, all ISO dates become dates, others categorical
 * (levels sorted as R sorts them). Errors name the file, line and column.
 * Line numbers count records (header = line 1); they equal physical lines unless a quoted field
 * spans several lines.
 * @throws ParcoursError CSV_NOT_FOUND, CSV_EMPTY, CSV_BAD_HEADER, CSV_FIELD_COUNT, CSV_NOT_NUMERIC,
 *   CSV_BAD_DATE, CSV_UNKNOWN_COLUMN, CSV_PARSE.
 */
export async function readCsv(path: string, options: ReadCsvOptions = {}): Promise<Frame> {
  if (!existsSync(path)) {
    throw new ParcoursError("CSV_NOT_FOUND", `no such file: ${path}`, {
      file: path,
      hint: "check the path (relative paths are resolved from the current directory)",
    });
  }
  const stream = parseFile<string[], string[]>(path, { delimiter: options.delimiter ?? "," });
  return collect(stream, path, options);
}

/** Parses CSV text (same rules as {@link readCsv}); `name` is used in error locations. */
export function readCsvString(
  text: string,
  options: ReadCsvOptions = {},
  name = "<string>",
): Promise<Frame> {
  const stream = parseString<string[], string[]>(text, { delimiter: options.delimiter ?? "," });
  return collect(stream, name, options);
}
