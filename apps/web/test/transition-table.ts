import { expect, it } from "vitest";

/** One transition of a state machine: from (a labelled state), on (an event type), to, effects asked for. */
export type TransitionRow<S extends string, E extends string, N extends string> = readonly [S, E, N, string[]];

interface Machine<State, Event, Step> {
  readonly states: Readonly<Record<string, State>>;
  readonly events: Readonly<Record<string, Event>>;
  readonly transitions: readonly TransitionRow<string, string, string>[];
  readonly transition: (state: State, event: Event) => Step;
  readonly accepts: (state: State, event: Event) => boolean;
}

/**
 * The two tests every state machine of the app gets: each listed transition goes where the table
 * says with exactly the effects it lists, and every pair not listed leaves the state as it was
 * with nothing to do (and is not accepted, so the page never offers it).
 */
export function itFollowsItsTransitionTable<State, Event, Step extends { state: { name: string }; effects: readonly { type: string }[] }>(
  machine: Machine<State, Event, Step>,
): void {
  it.each(machine.transitions)("%s, on %s, goes to %s asking for %j", (from, on, to, effects) => {
    const step = machine.transition(machine.states[from] as State, machine.events[on] as Event);
    expect(step.state.name).toBe(to);
    expect(step.effects.map((effect) => effect.type)).toEqual(effects);
  });

  it("leaves every other state and event pair exactly as it was, with nothing to do", () => {
    const moves = new Set(machine.transitions.map(([from, on]) => `${from} / ${on}`));
    for (const [label, state] of Object.entries(machine.states)) {
      for (const [type, event] of Object.entries(machine.events)) {
        const listed = moves.has(`${label} / ${type}`);
        expect(machine.accepts(state, event), `${label} / ${type}`).toBe(listed);
        if (!listed) expect(machine.transition(state, event)).toEqual({ state, effects: [] });
      }
    }
  });
}
