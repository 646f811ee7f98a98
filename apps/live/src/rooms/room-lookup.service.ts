import { ChatMessageEntity, PollEntity, QuestionEntity } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';

/**
 * The session a question, chat message or poll belongs to: a client names only the item, and
 * the gateway checks that the socket is in that session's room before any rule runs.
 */
@Injectable()
export class RoomLookupService {
  constructor(
    @InjectRepository(QuestionEntity) private readonly questions: Repository<QuestionEntity>,
    @InjectRepository(ChatMessageEntity) private readonly messages: Repository<ChatMessageEntity>,
    @InjectRepository(PollEntity) private readonly polls: Repository<PollEntity>,
  ) {}

  async ofQuestion(id: string): Promise<string | null> {
    const row = await this.questions.findOne({
      select: { id: true, sessionId: true },
      where: { id },
    });
    return row?.sessionId ?? null;
  }

  async ofMessage(id: string): Promise<string | null> {
    const row = await this.messages.findOne({
      select: { id: true, sessionId: true },
      where: { id },
    });
    return row?.sessionId ?? null;
  }

  async ofPoll(id: string): Promise<string | null> {
    const row = await this.polls.findOne({ select: { id: true, sessionId: true }, where: { id } });
    return row?.sessionId ?? null;
  }
}
