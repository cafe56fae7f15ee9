import { afterAll, beforeAll, describe } from "vitest";

/** One implementation of a port, started for a contract test, with what the test needs to look inside it. */
export interface ImplementationUnderTest {
  stop(): Promise<void>;
}

/**
 * Holds every implementation of a port to one contract: `contract` is described once per entry
 * of `implementations` (the adapter on its emulator, the in-memory double), which is started
 * before those tests and stopped after them. `subject` is filled with the started
 * implementation's members before the first test, so the contract reads them inside its tests.
 */
export function describeContract<S extends ImplementationUnderTest>(
  port: string,
  implementations: Readonly<Record<string, () => Promise<S>>>,
  contract: (subject: S) => void,
): void {
  describe.each(Object.entries(implementations))(`${port}: %s`, (_name, start) => {
    const subject = {} as S;
    let started: S | undefined;

    beforeAll(async () => {
      started = await start();
      Object.assign(subject, started);
    });

    afterAll(async () => {
      await started?.stop();
    });

    contract(subject);
  });
}
