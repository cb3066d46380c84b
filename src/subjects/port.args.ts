import { IsOptional, Length } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';

/** Find one port by code or by any of its names; exactly one of the two. */
@ArgsType()
export class PortLookupArgs {
  @Field(() => String, { nullable: true, description: 'PORT-ZHAM, or just ZHAM.' })
  @IsOptional()
  @Length(1, 64)
  code?: string;

  @Field(() => String, { nullable: true, description: 'Any name: Zham, Zhangmu, Dram, 樟木...' })
  @IsOptional()
  @Length(1, 64)
  name?: string;
}
