import { describe, expect, it } from "vitest";
import { formatDuration, stepTime } from "./durations";

describe("durations", () => {
  it("says one and many in English, and needs no plural in Japanese", () => {
    expect(formatDuration("en", 86_400)).toBe("1 day");
    expect(formatDuration("en", 2 * 86_400)).toBe("2 days");
    expect(formatDuration("en", 3_600)).toBe("1 hour");
    expect(formatDuration("en", 7_200)).toBe("2 hours");
    expect(formatDuration("en", 60)).toBe("1 minute");
    expect(formatDuration("en", 1)).toBe("1 second");
    expect(formatDuration("en", 2)).toBe("2 seconds");
    expect(formatDuration("ja", 86_400)).toBe("1 日");
    expect(formatDuration("ja", 2 * 86_400)).toBe("2 日");
  });
  it("picks the largest unit that fits", () => {
    expect(formatDuration("en", 0.012)).toBe("12 ms");
    expect(formatDuration("en", 1.5)).toBe("1.5 seconds");
    expect(formatDuration("en", 90)).toBe("1.5 minutes");
    expect(formatDuration("en", 3 * 86_400 + 5)).toBe("3 days");
    expect(formatDuration("en", 36 * 3_600)).toBe("1.5 days");
  });
  it("tells a step's wait from its run time", () => {
    const delay = { status: "completed", waited_seconds: 3 * 86_400, ran_seconds: 0.012 };
    expect(stepTime("en", delay)).toBe("Waited 3 days, ran 12 ms");
    expect(stepTime("ja", delay)).toBe("3 日待機、実行 12 ms");
    expect(stepTime("en", { status: "waiting", waited_seconds: 86_400, ran_seconds: 0.004 })).toBe("Waiting for 1 day");
    expect(stepTime("en", { status: "completed", waited_seconds: null, ran_seconds: 0.2 })).toBe("200 ms");
    expect(stepTime("en", { status: "running", waited_seconds: null, ran_seconds: null })).toBe("");
  });
});
