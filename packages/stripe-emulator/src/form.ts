// Decoding of Stripe's form encoding (`a[b][c]=v`, `list[0]=x`, `list[]=y`) and
// typed accessors over the decoded tree. The SDK sends every v1 request body and
// every GET query string in this format.
import { type ApiError, paramError } from './errors.ts';

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

// Keys that would reach Object.prototype if used as property names.
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const INDEX = /^\d{1,4}$/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw paramError(`Invalid URL encoding: ${text.slice(0, 40)}`, { code: 'parameter_invalid_string' });
  }
}

function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const parts = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) parts.push(match[1] ?? '');
  return parts;
}

type Container = FormObject | FormValue[];

function read(node: Container, seg: string): FormValue | undefined {
  if (Array.isArray(node)) return seg === '' ? undefined : node[Number(seg)];
  return Object.hasOwn(node, seg) ? node[seg] : undefined;
}

function write(node: Container, seg: string, value: FormValue): void {
  if (!Array.isArray(node)) {
    node[seg] = value;
  } else if (seg === '') {
    node.push(value);
  } else if (INDEX.test(seg)) {
    node[Number(seg)] = value;
  }
}

function assign(root: FormObject, path: string[], value: string): void {
  let node: Container = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as string;
    const next = path[i + 1];
    if (next === undefined) {
      write(node, seg, value);
      return;
    }
    let child = read(node, seg);
    if (child === undefined || typeof child === 'string') {
      // metadata keys may look like indexes; it is always a map.
      const wantsArray = (next === '' || INDEX.test(next)) && !(i === 0 && seg === 'metadata');
      child = wantsArray ? [] : {};
      write(node, seg, child);
    }
    node = child;
  }
}

function compact(value: FormValue): FormValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter(() => true).map(compact);
  const out: FormObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = compact(v);
  return out;
}

/** Parses `application/x-www-form-urlencoded` text with qs-style brackets. */
export function parseForm(input: string): FormObject {
  const root: FormObject = {};
  for (const pair of input.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1));
    const path = splitKey(key);
    if (path.some((seg) => FORBIDDEN.has(seg))) continue;
    assign(root, path, value);
  }
  return compact(root) as FormObject;
}

/** Order-independent text of a form tree, used to compare idempotent requests. */
export function canonicalForm(value: FormValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalForm).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalForm(value[k])}`).join(',')}}`;
}

/** Typed, validating view over a decoded form object. Errors name the full param path. */
export class Params {
  constructor(
    readonly raw: FormObject,
    private readonly prefix = '',
  ) {}

  name(key: string): string {
    return this.prefix === '' ? key : `${this.prefix}[${key}]`;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.raw, key);
  }

  str(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      throw paramError(`Invalid string: ${this.name(key)} must be a string`, {
        code: 'parameter_invalid_string',
        param: this.name(key),
      });
    }
    return v;
  }

  /** A string where `''` (how the SDK sends null) means "unset". */
  optStr(key: string): string | null | undefined {
    const v = this.str(key);
    return v === '' ? null : v;
  }

  requiredStr(key: string): string {
    const v = this.str(key);
    if (v === undefined || v === '') throw missingParam(this.name(key));
    return v;
  }

  int(key: string): number | undefined {
    const v = this.str(key);
    if (v === undefined || v === '') return undefined;
    if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
      throw paramError(`Invalid integer: ${v}`, { code: 'parameter_invalid_integer', param: this.name(key) });
    }
    return Number(v);
  }

  requiredInt(key: string): number {
    const v = this.int(key);
    if (v === undefined) throw missingParam(this.name(key));
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.str(key);
    if (v === undefined || v === '') return undefined;
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw paramError(`Invalid boolean: ${v}`, { code: 'parameter_invalid_boolean', param: this.name(key) });
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.str(key);
    if (v === undefined || v === '') return undefined;
    if (!(allowed as readonly string[]).includes(v)) {
      throw paramError(`Invalid ${this.name(key)}: must be one of ${allowed.join(', ')}`, {
        param: this.name(key),
      });
    }
    return v as T;
  }

  obj(key: string): Params | undefined {
    const v = this.raw[key];
    if (v === undefined || v === '') return undefined;
    if (typeof v === 'string' || Array.isArray(v)) {
      throw paramError(`Invalid object: ${this.name(key)} must be a hash`, {
        code: 'parameter_invalid_object',
        param: this.name(key),
      });
    }
    return new Params(v, this.name(key));
  }

  strList(key: string): string[] | undefined {
    const v = this.raw[key];
    if (v === undefined || v === '') return undefined;
    const list = Array.isArray(v) ? v : typeof v === 'object' ? Object.values(v) : [v];
    return list.map((item) => {
      if (typeof item !== 'string') {
        throw paramError(`Invalid array: ${this.name(key)} must be a list of strings`, {
          param: this.name(key),
        });
      }
      return item;
    });
  }

  /** Stripe metadata update: `metadata=''` clears, `metadata[k]=''` deletes k. */
  metadata(current: Record<string, string> = {}, key = 'metadata'): Record<string, string> {
    const v = this.raw[key];
    if (v === undefined) return current;
    if (v === '') return {};
    if (typeof v === 'string' || Array.isArray(v)) {
      throw paramError('Invalid metadata: must be a hash of string keys to string values', {
        param: this.name(key),
      });
    }
    const next = { ...current };
    for (const [k, val] of Object.entries(v)) {
      if (typeof val !== 'string') {
        throw paramError(`Invalid metadata value for ${k}: must be a string`, { param: `${key}[${k}]` });
      }
      if (val === '') delete next[k];
      else next[k] = val;
    }
    if (Object.keys(next).length > 50) {
      throw paramError('Metadata can have at most 50 keys.', { param: this.name(key) });
    }
    return next;
  }
}

export function missingParam(name: string): ApiError {
  return paramError(`Missing required param: ${name}.`, { code: 'parameter_missing', param: name });
}
