import { Global, Module } from '@nestjs/common';
import { AuthGuard } from './auth.guard';
import { TokenService } from './token.service';

@Global()
@Module({ providers: [TokenService, AuthGuard], exports: [TokenService, AuthGuard] })
export class AuthModule {}
