// The functions the sidebar and the settings dialog may call through google.script.run (the
// enuchi/React-Google-Apps-Script "serverFunctions" idea), typed from the bundle's own exports:
// renaming or dropping one in main.ts breaks the type check, and test/gas/server-functions.test.ts
// holds every serverCall(name, …) in the HTML to this list.
import type * as entryPoints from './main';

export const SERVER_FUNCTIONS = ['getOverridesForSidebar', 'saveOverrides', 'getSettingsForDialog', 'saveSettingsFromDialog'] as const;

export type ServerFunctionName = (typeof SERVER_FUNCTIONS)[number];

export type ServerFunctions = Pick<typeof entryPoints, ServerFunctionName>;

/** The Promise form of one server function, as serverCall exposes it in the browser. */
export type ServerCall = <K extends ServerFunctionName>(name: K, ...args: Parameters<ServerFunctions[K]>) => Promise<ReturnType<ServerFunctions[K]>>;
