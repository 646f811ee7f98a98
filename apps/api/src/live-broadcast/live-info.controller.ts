import { APP_CONFIG, type AppConfig } from '@app/config';
import { LIVE_NAMESPACE, type LiveInfo } from '@app/contracts';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/access.js';

class LiveInfoDto implements LiveInfo {
  @ApiProperty({ example: 'http://localhost:3001' })
  url!: string;
  @ApiProperty({ enum: [LIVE_NAMESPACE] })
  namespace!: typeof LIVE_NAMESPACE;
}

/** Tells the browser app where the live process serves the session rooms. */
@ApiTags('live')
@Controller('live')
export class LiveInfoController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: LiveInfoDto })
  info(): LiveInfoDto {
    return { url: this.config.live.publicUrl, namespace: LIVE_NAMESPACE };
  }
}
