// The brief extension: runs `brief lsp` for Markdown files and connects it to VS Code.
// Plain JavaScript, so there is nothing to compile: `npm install` fetches the one dependency.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function serverOptions() {
  const settings = vscode.workspace.getConfiguration('brief');
  const command = settings.get('path') || 'brief';
  const args = ['lsp'];
  const config = settings.get('config');
  if (config) {
    args.push('--config', config);
  }
  // With the stdio transport the client adds `--stdio`, which `brief lsp` accepts.
  const executable = { command, args, transport: TransportKind.stdio };
  return { run: executable, debug: executable };
}

async function activate(context) {
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: {
      // A changed brief.toml or bibliography makes the server lint the open briefs again.
      fileEvents: vscode.workspace.createFileSystemWatcher(
        '**/{brief.toml,*.bib,*.bibtex,*.biblatex,*.json,*.yaml,*.yml}',
      ),
    },
  };
  client = new LanguageClient('brief', 'brief', serverOptions(), clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('brief.restartServer', async () => {
      await client.stop();
      client = new LanguageClient('brief', 'brief', serverOptions(), clientOptions);
      await client.start();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('brief')) {
        vscode.commands.executeCommand('brief.restartServer');
      }
    }),
  );
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
