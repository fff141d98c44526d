/**
 * Typed access to generated L1 props (imports/) without their generated enums.
 *
 * `Shape<T>` is the generated props type with enum types widened to their string literal
 * values and quantity classes to `{ value }` (what the generated `toJson_*` functions read).
 * Field names and nesting are still checked at compile time, so a misspelled field is a
 * type error; and one code path can feed several API versions where their shapes agree.
 * Internal: never re-exported.
 */
type IsAny<T> = 0 extends (1 & T) ? true : false;

/** Generated props type with enums widened to their literal values (see file comment). */
export type Shape<T> =
  IsAny<T> extends true ? T :
    T extends string ? `${T}` :
      T extends number | boolean ? T :
        T extends readonly (infer U)[] ? Shape<U>[] :
          T extends { readonly value: string | number } ? { readonly value: string | number } :
            T extends object ? { readonly [K in keyof T]: Shape<T[K]> } :
              T;

/** Casts a checked shape to the generated type (the runtime value is identical). */
export function l1<T>(shape: Shape<T>): T {
  return shape as unknown as T;
}

/** A quantity for generated resource maps (`{ value }`, read by the generated toJson). */
export function quantity(value: string): { readonly value: string } {
  return { value };
}
