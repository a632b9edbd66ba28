import { Command, CommandRunner } from 'nest-commander';
import { CLI_NAME } from '../cli.constants';
import { CliSession } from '../cli-session';
import { closestNames } from '../dispatch/closest-names';
import { UnknownCommandError } from '../errors/unknown-command.error';
import { AttestationsQueryCommand } from './attestations-query.command';

/** `qntx attestations query ...`; the group alone prints its help. */
@Command({
  name: 'attestations',
  arguments: '[command]',
  description: 'Read the attestation store of $QNTX_HOME (query)',
  subCommands: [AttestationsQueryCommand],
})
export class AttestationsCommand extends CommandRunner {
  constructor(private readonly session: CliSession) {
    super();
  }

  async run([word]: string[]): Promise<void> {
    if (word === undefined) return void this.command.outputHelp();
    const names = this.command.commands.map((command) => command.name());
    const error = new UnknownCommandError(
      word,
      'command',
      `${CLI_NAME} attestations`,
      closestNames(word, names),
      `${CLI_NAME} attestations --help`,
    );
    this.session.exitCode = this.session.fail(error);
  }
}
