import { Directive, Field, ObjectType } from 'type-graphql';
import { PUBLIC } from '../federation/directives';
import { PortEventKind, PortStatusKind } from '../common/enums';
import { LocalDateScalar } from '../common/scalars';
import { Source } from '../sources/source.type';

/** A dated opening, closure or reopening of a port, with its source. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: 'A dated opening, closure or reopening of a port, with its source.' })
export class PortEvent {
  @Field(() => LocalDateScalar)
  date: string;

  @Field(() => PortEventKind)
  event: PortEventKind;

  @Field()
  detail: string;

  @Field(() => Source)
  source: Source;
}

/** A port's status on a date, and the event it follows from. */
@Directive(PUBLIC)
@ObjectType({ simpleResolvers: true, description: "A port's status on a date, from its latest event on or before that date." })
export class PortStatus {
  @Field(() => LocalDateScalar)
  date: string;

  @Field(() => PortStatusKind)
  status: PortStatusKind;

  @Field(() => PortEvent, { nullable: true, description: 'The event the status follows from; null when UNKNOWN or NOT_YET_OPENED.' })
  since: PortEvent | null;
}
