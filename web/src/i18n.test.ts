import { describe, expect, it } from "vitest";
import { DICTIONARIES, detectLang, enumLabel, fieldLabel, humanize, translate } from "./i18n";

describe("translate", () => {
  it("looks keys up per language", () => {
    expect(translate("en", "login.title")).toBe("Sign in");
    expect(translate("ja", "login.title")).toBe("ログイン");
  });
  it("interpolates parameters and leaves unknown ones", () => {
    expect(translate("en", "editor.saved", { revision: 4 })).toBe("Saved revision 4.");
    expect(translate("ja", "editor.reason.errors", { count: 2 })).toContain("2 件");
    expect(translate("en", "editor.saved")).toBe("Saved revision {revision}.");
  });
  it("picks the word by the count", () => {
    expect(translate("en", "editor.issuesCount", { errors: 1, warnings: 2 })).toBe("1 error, 2 warnings");
    expect(translate("en", "editor.issuesCount", { errors: 0, warnings: 1 })).toBe("0 errors, 1 warning");
  });
  it("counts runs, days and hours in the chart's summary for one and for many", () => {
    expect(translate("en", "chart.summaryDays", { total: 1, count: 1 })).toBe("1 run in the last 1 day");
    expect(translate("en", "chart.summaryDays", { total: 2, count: 14 })).toBe("2 runs in the last 14 days");
    expect(translate("en", "chart.summaryHours", { total: 0, count: 1 })).toBe("0 runs in the last 1 hour");
    expect(translate("en", "chart.summaryHours", { total: 1, count: 24 })).toBe("1 run in the last 24 hours");
    expect(translate("ja", "chart.summaryDays", { total: 1, count: 14 })).toBe("直近 14 日間の実行 1 件");
    for (const text of Object.values(DICTIONARIES.en)) expect(text).not.toMatch(/\((s|es)\)/);
  });
  it("falls back to English, then to the key", () => {
    expect(translate("ja", "no.such.key")).toBe("no.such.key");
  });
  it("has the same keys in every language", () => {
    const en = Object.keys(DICTIONARIES.en).sort();
    const ja = Object.keys(DICTIONARIES.ja).sort();
    expect(ja).toEqual(en);
  });
  it("uses the same placeholders in every language", () => {
    for (const key of Object.keys(DICTIONARIES.en)) {
      const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(DICTIONARIES.ja[key]), key).toEqual(ph(DICTIONARIES.en[key]));
    }
  });
});

describe("labels", () => {
  it("labels fields in Japanese or from the schema title", () => {
    expect(fieldLabel("ja", "keywords", "Keywords")).toBe("キーワード");
    expect(fieldLabel("en", "keywords", "Keywords")).toBe("Keywords");
    expect(fieldLabel("en", "some_field")).toBe("Some field");
    expect(fieldLabel("en", "send_window", "SendWindow")).toBe("Send window");
    expect(fieldLabel("en", "account_ids", "Account Ids")).toBe("LINE accounts");
  });
  it("labels enum values", () => {
    expect(enumLabel("en", "starts_with")).toBe("Starts with");
    expect(enumLabel("ja", "days")).toBe("日");
    expect(enumLabel("en", "days")).toBe("Days");
  });
  it("humanizes names", () => {
    expect(humanize("match_type")).toBe("Match type");
  });
  it("detects the language", () => {
    expect(detectLang("ja", "en-US")).toBe("ja");
    expect(detectLang(null, "ja-JP")).toBe("ja");
    expect(detectLang("xx", "fr")).toBe("en");
  });
});
