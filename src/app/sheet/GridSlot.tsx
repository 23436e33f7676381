// The one place the page chooses its grid component (src/app/grid).
import type { JSX } from 'solid-js';
import { Grid, type GridProps } from '../grid';

export function GridSlot(props: GridProps): JSX.Element {
  return <Grid {...props} />;
}
