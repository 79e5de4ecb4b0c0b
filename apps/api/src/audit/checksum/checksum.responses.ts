// The answer of GET /audit/read-models/{name}/checksum.
import { ApiProperty } from '@nestjs/swagger';
import { READ_MODEL_NAMES, type ReadModelName } from '@ogp/projections';
import { ClosedSchema, ReadAnswer } from '../read.responses';

@ClosedSchema()
export class ReadModelChecksumResponse {
  @ApiProperty({ enum: READ_MODEL_NAMES })
  readModel!: ReadModelName;

  @ApiProperty({ type: String, nullable: true, example: '42/42', description: 'The position the checksum reflects (null: an empty read model)' })
  position!: string | null;

  @ApiProperty({ example: '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b', description: 'Hex SHA-256 over the rows in key order' })
  sha256!: string;
}

@ClosedSchema()
export class ChecksumAnswer extends ReadAnswer {
  @ApiProperty({ type: () => ReadModelChecksumResponse })
  data!: ReadModelChecksumResponse;
}
