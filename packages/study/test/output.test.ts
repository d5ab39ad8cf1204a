import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stableJson, writeDirAtomically } from "../src/index.js";

describe("writeDirAtomically", () => {
  it("replaces a previous output only when the new one is complete", async () => {
    const root = await mkdtemp(join(tmpdir(), "pe-out-"));
    const target = join(root, "out");
    await writeDirAtomically(target, (dir) => writeFile(join(dir, "a.txt"), "first"));
    expect(await readFile(join(target, "a.txt"), "utf8")).toBe("first");

    await expect(
      writeDirAtomically(target, async (dir) => {
        await writeFile(join(dir, "a.txt"), "partial");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await readFile(join(target, "a.txt"), "utf8")).toBe("first");
    expect(await readdir(root)).toEqual(["out"]);

    await writeDirAtomically(target, (dir) => writeFile(join(dir, "b.txt"), "second"));
    expect(await readdir(target)).toEqual(["b.txt"]);
    expect(await readdir(root)).toEqual(["out"]);
  });
});

describe("stableJson", () => {
  it("writes NaN as null and typed arrays as arrays", () => {
    expect(stableJson({ a: Number.NaN, b: new Float64Array([1.5, Number.NaN]) })).toBe(
      '{\n  "a": null,\n  "b": [\n    1.5,\n    null\n  ]\n}\n',
    );
  });
});
