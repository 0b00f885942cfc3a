// The membrane between the host (Node) and the vm context the bundle runs in.
// - Every method call on a stand-in is counted as `<apiName>.<method>` and may be cut by a hook.
// - Values crossing into the context are rebuilt with the context's own Array/Object/Date/Error,
//   so `instanceof Date` or zod's checks inside the bundle behave as they do in Apps Script.
// - Values coming out are rebuilt with the host's constructors and proxies are unwrapped.
import { types } from 'node:util';
import { apiNameOf } from './errors';

/** The constructors of one realm (the vm context's, or the host's when no vm is used). */
export interface RealmConstructors {
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
}

export const HOST_REALM: RealmConstructors = { Array, Object, Date, Error };

type AnyFn = (...args: unknown[]) => unknown;

export class Bridge {
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();

  constructor(
    private readonly realm: RealmConstructors,
    /** Called before every stand-in method runs; may throw to cut the execution there. */
    private readonly beforeCall: (name: string) => void,
  ) {}

  /** Wraps a stand-in so the bundle sees only its public API and every call is counted. */
  expose<T extends object>(target: T, apiName = apiNameOf(target) ?? 'Unknown'): T {
    const known = this.proxies.get(target);
    if (known) return known as T;
    const methods = new Map<PropertyKey, AnyFn>();
    const proxy = new Proxy(target, {
      get: (t, prop) => {
        if (typeof prop === 'symbol') return Reflect.get(t, prop);
        if (prop.startsWith('_') || prop === 'constructor') return undefined;
        const value = Reflect.get(t, prop) as unknown;
        // A namespace such as BigQuery.Jobs: its methods are counted as BigQuery.Jobs.query.
        if (isNamespace(value)) return this.expose(value, apiNameOf(value) ?? `${apiName}.${prop}`);
        if (typeof value !== 'function') return this.toContext(value);
        let bound = methods.get(prop);
        if (!bound) {
          const name = `${apiName}.${prop}`;
          bound = (...args: unknown[]) => {
            this.beforeCall(name);
            try {
              return this.toContext((value as AnyFn).apply(t, args.map((a) => this.fromContext(a))));
            } catch (e) {
              throw this.errorToContext(e);
            }
          };
          methods.set(prop, bound);
        }
        return bound;
      },
      set: (t, prop, value) => Reflect.set(t, prop, this.fromContext(value)),
      has: (t, prop) => typeof prop === 'string' && !prop.startsWith('_') && Reflect.has(t, prop),
      ownKeys: (t) => Reflect.ownKeys(t).filter((k) => typeof k !== 'string' || !k.startsWith('_')),
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }

  /** Host value → context value (deep for arrays, plain objects and dates). */
  toContext(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (this.targets.has(value)) return value;
    if (apiNameOf(value) !== undefined) return this.expose(value);
    if (types.isDate(value)) return new this.realm.Date((value as Date).getTime());
    if (Array.isArray(value)) {
      const out = new this.realm.Array() as unknown[];
      for (const v of value) out.push(this.toContext(v));
      return out;
    }
    if (isPlain(value)) {
      const out = new this.realm.Object() as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) out[k] = this.toContext(v);
      return out;
    }
    return value;
  }

  /** Context value → host value: proxies unwrapped, arrays/objects/dates copied. */
  fromContext(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const target = this.targets.get(value);
    if (target) return target;
    if (types.isDate(value)) return new Date((value as Date).getTime());
    if (Array.isArray(value)) return value.map((v) => this.fromContext(v));
    if (isPlain(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.fromContext(v);
      return out;
    }
    return value;
  }

  /** A host error becomes a context Error with the same name and message. */
  errorToContext(e: unknown): unknown {
    if (!(e instanceof Error) || this.realm.Error === Error) return e;
    const err = new this.realm.Error(e.message);
    err.name = e.name;
    return err;
  }
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || (typeof proto === 'object' && Object.getPrototypeOf(proto) === null);
}

/** An object with methods that is not itself data (array, date): exposed, not copied. */
function isNamespace(value: unknown): value is object {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || types.isDate(value)) return false;
  for (let o: object | null = value; o && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const k of Object.getOwnPropertyNames(o)) {
      if (k !== 'constructor' && typeof Object.getOwnPropertyDescriptor(o, k)?.value === 'function') return true;
    }
  }
  return false;
}
