/**
 * The strings of the key-learnings pages (reader and editor), one block per language. Each
 * catalogue spreads its block in, so the keys join `MessageKey` and stay checked like the rest.
 */
export const keyLearningsEn = {
  'kl.link': 'Key learnings',
  'kl.write': 'Write key learnings',
  'kl.sessionIntro':
    'What was learnt in this session: the rapporteur’s summary and a digest of the live Q&A, to read online or download as a PDF.',
  'kl.title': 'Key learnings: {title}',
  'kl.versionLine': 'Version {n}, published {date} by {name}',
  'kl.downloads': 'Downloads',
  'kl.format.pdf': 'Download PDF',
  'kl.format.md': 'Markdown',
  'kl.format.html': 'HTML page',
  'kl.downloadsPending': 'The PDF, Markdown and HTML files are being prepared…',
  'kl.downloadsFailed': 'The files of this version could not be prepared.',
  'kl.olderVersions': 'Earlier versions',
  'kl.versionShort': 'Version {n}',
  'kl.publishedBy': 'Published {date} by {name}',
  'kl.noneTitle': 'Not published yet',
  'kl.noneSession':
    'No key learnings have been published for this session yet. The rapporteur publishes them after the session: come back later.',
  'kl.noneDay':
    'No key learnings have been published for this day yet. The organisers publish them after the day: come back later.',
  'kl.restricted': 'For the session’s registrants: only they can read this page and its files.',
  'kl.signInTitle': 'Sign in to read these key learnings',
  'kl.signInBody':
    'These key learnings are for the session’s registrants. Sign in with the address you registered with.',
  'kl.forbiddenTitle': 'For the session’s registrants',
  'kl.forbiddenBody':
    'These key learnings are for the session’s registrants. You are signed in, but not registered for this session.',
  'kl.backToSession': 'Back to the session',
  'kl.backToAgenda': 'Back to the agenda',
  'kl.notFoundTitle': 'Key learnings not found',
  'kl.notFoundBody': 'There is no published session or event day at this address.',
  'kl.daySessions': 'The day’s sessions',
  'kl.daySessionsNone': 'No sessions take place on this day.',
  'kl.forRegistrants': 'For registrants',
  'kl.sessionNotPublished': 'Key learnings not published yet',
  'kl.dayLink': 'Key learnings of the whole day',

  'kl.editTitle': 'Write key learnings: {title}',
  'kl.editIntro':
    'Write in Markdown. Saving keeps a revision; publishing freezes the last saved revision as a new version that readers see and download.',
  'kl.editIntroDay':
    'Write the summary of the day in Markdown. When published, the day’s document also gathers the published key learnings of its sessions.',
  'kl.notes': 'Notes',
  'kl.notesHint':
    'Your summary in Markdown: # headings, - lists, **bold**, [links](https://…). HTML is shown as text.',
  'kl.digest': 'Digest',
  'kl.digestHint':
    'Compiled from the live Q&A, polls and attendance. You can edit it; recompiling replaces it.',
  'kl.digestCompiled': 'Compiled {date}.',
  'kl.digestNever': 'Not compiled yet.',
  'kl.preview': 'Preview',
  'kl.previewHint': 'How readers will see the next version.',
  'kl.previewUpdating': 'Updating the preview…',
  'kl.previewFailed': 'The preview could not be updated.',
  'kl.save': 'Save',
  'kl.saving': 'Saving…',
  'kl.saved': 'Saved as revision {n}.',
  'kl.shortcut': 'Ctrl+S (⌘S on a Mac) saves.',
  'kl.unsaved': 'Unsaved changes.',
  'kl.allSaved': 'All changes saved in revision {n}.',
  'kl.neverSaved': 'Nothing saved yet.',
  'kl.recompile': 'Recompile digest',
  'kl.recompiling': 'Recompiling…',
  'kl.recompiled': 'The digest was compiled from the live Q&A and saved as revision {n}.',
  'kl.recompileConfirm':
    'You have unsaved changes. Recompiling replaces the digest in the editor with a newly compiled one and saves it as a revision; your unsaved notes stay in the editor. Recompile now?',
  'kl.recompileYes': 'Recompile now',
  'kl.cancel': 'Cancel',
  'kl.publish': 'Publish revision {n}',
  'kl.publishFirst': 'Publish',
  'kl.publishing': 'Publishing…',
  'kl.publishHintUnsaved': 'Save your changes first: publishing freezes the last saved revision.',
  'kl.publishHintNothing': 'Save a first revision to publish it.',
  'kl.publishHintDone': 'Revision {n} is published already. Save changes to publish a new version.',
  'kl.published':
    'Version {n} is published. Its PDF, Markdown and HTML files are being prepared; readers see the text at once.',
  'kl.viewPage': 'Open the public page',
  'kl.conflictTitle': 'Someone else saved meanwhile',
  'kl.conflictBy':
    '{name} saved revision {n} ({date}) while you were editing. Your text has not been saved and is still in the editor.',
  'kl.conflictGeneric':
    'Someone else saved a newer revision while you were editing. Your text has not been saved and is still in the editor.',
  'kl.loadTheirs': 'Load their version',
  'kl.keepMine': 'Save mine over theirs',
  'kl.loadedTheirs': 'Their version is loaded. Your text is kept below, to copy from.',
  'kl.yourText': 'Your earlier text (not saved)',
  'kl.discardYours': 'Discard my earlier text',
  'kl.history': 'Revisions',
  'kl.historyNone': 'No revision saved yet.',
  'kl.revision': 'Revision',
  'kl.author': 'By',
  'kl.savedAt': 'Saved',
  'kl.versions': 'Published versions',
  'kl.versionsNone': 'Nothing published yet.',
  'kl.state': 'Files',
  'kl.state.pending': 'Being prepared',
  'kl.state.ready': 'Ready',
  'kl.state.failed': 'Failed',
  'kl.editForbiddenTitle': 'For rapporteurs and organisers',
  'kl.editForbidden':
    'Only the session’s rapporteurs and the event’s organisers write its key learnings.',
  'kl.editForbiddenDay': 'Only the event’s organisers write the key learnings of a day.',
  'kl.leaveConfirm': 'You have unsaved changes. Leave this page and lose them?',
  'kl.saveFailed': 'Not saved',
  'kl.publishFailed': 'Not published',
  'kl.recompileFailed': 'The digest was not recompiled',
  'kl.publishStale':
    'This revision is published already, or a newer one was saved meanwhile. The lists below show the latest state.',
  'kl.mePdf': 'Attach the PDF to key-learnings mails',
  'kl.mePdfHint':
    'Mails announcing published key learnings always hold the link; with this, they also carry the PDF.',
} satisfies Record<string, string>;

export type KeyLearningsMessages = Record<keyof typeof keyLearningsEn, string>;

export const keyLearningsFr: KeyLearningsMessages = {
  'kl.link': 'Enseignements clés',
  'kl.write': 'Rédiger les enseignements clés',
  'kl.sessionIntro':
    'Ce que cette session a appris\u00a0: la synthèse du rapporteur et un résumé des questions-réponses en direct, à lire en ligne ou à télécharger en PDF.',
  'kl.title': 'Enseignements clés\u00a0: {title}',
  'kl.versionLine': 'Version {n}, publiée le {date} par {name}',
  'kl.downloads': 'Téléchargements',
  'kl.format.pdf': 'Télécharger le PDF',
  'kl.format.md': 'Markdown',
  'kl.format.html': 'Page HTML',
  'kl.downloadsPending': 'Les fichiers PDF, Markdown et HTML sont en préparation…',
  'kl.downloadsFailed': 'Les fichiers de cette version n’ont pas pu être préparés.',
  'kl.olderVersions': 'Versions précédentes',
  'kl.versionShort': 'Version {n}',
  'kl.publishedBy': 'Publiée le {date} par {name}',
  'kl.noneTitle': 'Pas encore publiés',
  'kl.noneSession':
    'Aucun enseignement clé n’a encore été publié pour cette session. Le rapporteur les publie après la session\u00a0: revenez plus tard.',
  'kl.noneDay':
    'Aucun enseignement clé n’a encore été publié pour cette journée. Les organisateurs les publient après la journée\u00a0: revenez plus tard.',
  'kl.restricted':
    'Réservé aux inscrits de la session\u00a0: eux seuls peuvent lire cette page et ses fichiers.',
  'kl.signInTitle': 'Connectez-vous pour lire ces enseignements clés',
  'kl.signInBody':
    'Ces enseignements clés sont réservés aux inscrits de la session. Connectez-vous avec l’adresse utilisée pour l’inscription.',
  'kl.forbiddenTitle': 'Réservé aux inscrits de la session',
  'kl.forbiddenBody':
    'Ces enseignements clés sont réservés aux inscrits de la session. Vous êtes connecté, mais pas inscrit à cette session.',
  'kl.backToSession': 'Retour à la session',
  'kl.backToAgenda': 'Retour au programme',
  'kl.notFoundTitle': 'Enseignements clés introuvables',
  'kl.notFoundBody': 'Aucune session ni journée publiée ne se trouve à cette adresse.',
  'kl.daySessions': 'Les sessions de la journée',
  'kl.daySessionsNone': 'Aucune session n’a lieu ce jour-là.',
  'kl.forRegistrants': 'Réservé aux inscrits',
  'kl.sessionNotPublished': 'Enseignements clés pas encore publiés',
  'kl.dayLink': 'Enseignements clés de toute la journée',

  'kl.editTitle': 'Rédiger les enseignements clés\u00a0: {title}',
  'kl.editIntro':
    'Écrivez en Markdown. Enregistrer conserve une révision\u00a0; publier fige la dernière révision enregistrée en une nouvelle version que les lecteurs voient et téléchargent.',
  'kl.editIntroDay':
    'Rédigez la synthèse de la journée en Markdown. Une fois publié, le document de la journée rassemble aussi les enseignements clés publiés de ses sessions.',
  'kl.notes': 'Notes',
  'kl.notesHint':
    'Votre synthèse en Markdown\u00a0: # titres, - listes, **gras**, [liens](https://…). Le HTML est affiché comme du texte.',
  'kl.digest': 'Résumé',
  'kl.digestHint':
    'Compilé à partir des questions-réponses, des sondages et de la participation. Vous pouvez le modifier\u00a0; une nouvelle compilation le remplace.',
  'kl.digestCompiled': 'Compilé le {date}.',
  'kl.digestNever': 'Pas encore compilé.',
  'kl.preview': 'Aperçu',
  'kl.previewHint': 'Ce que les lecteurs verront dans la prochaine version.',
  'kl.previewUpdating': 'Mise à jour de l’aperçu…',
  'kl.previewFailed': 'L’aperçu n’a pas pu être mis à jour.',
  'kl.save': 'Enregistrer',
  'kl.saving': 'Enregistrement…',
  'kl.saved': 'Enregistré en révision {n}.',
  'kl.shortcut': 'Ctrl+S (⌘S sur Mac) enregistre.',
  'kl.unsaved': 'Modifications non enregistrées.',
  'kl.allSaved': 'Toutes les modifications sont enregistrées dans la révision {n}.',
  'kl.neverSaved': 'Rien n’est encore enregistré.',
  'kl.recompile': 'Recompiler le résumé',
  'kl.recompiling': 'Compilation…',
  'kl.recompiled':
    'Le résumé a été compilé à partir des questions-réponses et enregistré en révision {n}.',
  'kl.recompileConfirm':
    'Vous avez des modifications non enregistrées. La compilation remplace le résumé de l’éditeur par un nouveau et l’enregistre comme révision\u00a0; vos notes non enregistrées restent dans l’éditeur. Recompiler maintenant\u00a0?',
  'kl.recompileYes': 'Recompiler maintenant',
  'kl.cancel': 'Annuler',
  'kl.publish': 'Publier la révision {n}',
  'kl.publishFirst': 'Publier',
  'kl.publishing': 'Publication…',
  'kl.publishHintUnsaved':
    'Enregistrez d’abord vos modifications\u00a0: la publication fige la dernière révision enregistrée.',
  'kl.publishHintNothing': 'Enregistrez une première révision pour la publier.',
  'kl.publishHintDone':
    'La révision {n} est déjà publiée. Enregistrez des modifications pour publier une nouvelle version.',
  'kl.published':
    'La version {n} est publiée. Ses fichiers PDF, Markdown et HTML sont en préparation\u00a0; les lecteurs voient le texte tout de suite.',
  'kl.viewPage': 'Ouvrir la page publique',
  'kl.conflictTitle': 'Quelqu’un d’autre a enregistré entre-temps',
  'kl.conflictBy':
    '{name} a enregistré la révision {n} ({date}) pendant que vous écriviez. Votre texte n’a pas été enregistré et reste dans l’éditeur.',
  'kl.conflictGeneric':
    'Quelqu’un d’autre a enregistré une révision plus récente pendant que vous écriviez. Votre texte n’a pas été enregistré et reste dans l’éditeur.',
  'kl.loadTheirs': 'Charger leur version',
  'kl.keepMine': 'Enregistrer la mienne par-dessus',
  'kl.loadedTheirs':
    'Leur version est chargée. Votre texte est conservé ci-dessous, pour le copier.',
  'kl.yourText': 'Votre texte précédent (non enregistré)',
  'kl.discardYours': 'Abandonner mon texte précédent',
  'kl.history': 'Révisions',
  'kl.historyNone': 'Aucune révision enregistrée.',
  'kl.revision': 'Révision',
  'kl.author': 'Par',
  'kl.savedAt': 'Enregistrée',
  'kl.versions': 'Versions publiées',
  'kl.versionsNone': 'Rien n’est encore publié.',
  'kl.state': 'Fichiers',
  'kl.state.pending': 'En préparation',
  'kl.state.ready': 'Prêts',
  'kl.state.failed': 'Échec',
  'kl.editForbiddenTitle': 'Réservé aux rapporteurs et aux organisateurs',
  'kl.editForbidden':
    'Seuls les rapporteurs de la session et les organisateurs de l’événement rédigent ses enseignements clés.',
  'kl.editForbiddenDay':
    'Seuls les organisateurs de l’événement rédigent les enseignements clés d’une journée.',
  'kl.leaveConfirm':
    'Vous avez des modifications non enregistrées. Quitter cette page et les perdre\u00a0?',
  'kl.saveFailed': 'Non enregistré',
  'kl.publishFailed': 'Non publié',
  'kl.recompileFailed': 'Le résumé n’a pas été recompilé',
  'kl.publishStale':
    'Cette révision est déjà publiée, ou une plus récente a été enregistrée entre-temps. Les listes ci-dessous montrent l’état actuel.',
  'kl.mePdf': 'Joindre le PDF aux e-mails d’enseignements clés',
  'kl.mePdfHint':
    'Les e-mails annonçant des enseignements clés publiés contiennent toujours le lien\u00a0; avec cette option, ils contiennent aussi le PDF.',
};

export const keyLearningsDe: KeyLearningsMessages = {
  'kl.link': 'Zentrale Erkenntnisse',
  'kl.write': 'Zentrale Erkenntnisse schreiben',
  'kl.sessionIntro':
    'Was diese Session gezeigt hat: die Zusammenfassung der Berichterstattung und ein Digest der Live-Fragen, online zu lesen oder als PDF herunterzuladen.',
  'kl.title': 'Zentrale Erkenntnisse: {title}',
  'kl.versionLine': 'Version {n}, veröffentlicht am {date} von {name}',
  'kl.downloads': 'Downloads',
  'kl.format.pdf': 'PDF herunterladen',
  'kl.format.md': 'Markdown',
  'kl.format.html': 'HTML-Seite',
  'kl.downloadsPending': 'Die PDF-, Markdown- und HTML-Dateien werden vorbereitet …',
  'kl.downloadsFailed': 'Die Dateien dieser Version konnten nicht erstellt werden.',
  'kl.olderVersions': 'Frühere Versionen',
  'kl.versionShort': 'Version {n}',
  'kl.publishedBy': 'Veröffentlicht am {date} von {name}',
  'kl.noneTitle': 'Noch nicht veröffentlicht',
  'kl.noneSession':
    'Für diese Session wurden noch keine zentralen Erkenntnisse veröffentlicht. Die Berichterstattung veröffentlicht sie nach der Session: Schauen Sie später wieder vorbei.',
  'kl.noneDay':
    'Für diesen Tag wurden noch keine zentralen Erkenntnisse veröffentlicht. Die Organisatoren veröffentlichen sie nach dem Tag: Schauen Sie später wieder vorbei.',
  'kl.restricted':
    'Für die Angemeldeten der Session: Nur sie können diese Seite und ihre Dateien lesen.',
  'kl.signInTitle': 'Melden Sie sich an, um diese Erkenntnisse zu lesen',
  'kl.signInBody':
    'Diese zentralen Erkenntnisse sind für die Angemeldeten der Session. Melden Sie sich mit der Adresse an, mit der Sie sich registriert haben.',
  'kl.forbiddenTitle': 'Für die Angemeldeten der Session',
  'kl.forbiddenBody':
    'Diese zentralen Erkenntnisse sind für die Angemeldeten der Session. Sie sind angemeldet, aber nicht für diese Session registriert.',
  'kl.backToSession': 'Zurück zur Session',
  'kl.backToAgenda': 'Zurück zum Programm',
  'kl.notFoundTitle': 'Zentrale Erkenntnisse nicht gefunden',
  'kl.notFoundBody': 'Unter dieser Adresse gibt es keine veröffentlichte Session und keinen Tag.',
  'kl.daySessions': 'Die Sessions des Tages',
  'kl.daySessionsNone': 'An diesem Tag finden keine Sessions statt.',
  'kl.forRegistrants': 'Für Angemeldete',
  'kl.sessionNotPublished': 'Zentrale Erkenntnisse noch nicht veröffentlicht',
  'kl.dayLink': 'Zentrale Erkenntnisse des ganzen Tages',

  'kl.editTitle': 'Zentrale Erkenntnisse schreiben: {title}',
  'kl.editIntro':
    'Schreiben Sie in Markdown. Speichern legt eine Revision an; Veröffentlichen friert die zuletzt gespeicherte Revision als neue Version ein, die Leser sehen und herunterladen.',
  'kl.editIntroDay':
    'Schreiben Sie die Zusammenfassung des Tages in Markdown. Veröffentlicht sammelt das Dokument des Tages auch die veröffentlichten Erkenntnisse seiner Sessions.',
  'kl.notes': 'Notizen',
  'kl.notesHint':
    'Ihre Zusammenfassung in Markdown: # Überschriften, - Listen, **fett**, [Links](https://…). HTML wird als Text gezeigt.',
  'kl.digest': 'Digest',
  'kl.digestHint':
    'Aus den Live-Fragen, Umfragen und der Teilnahme zusammengestellt. Sie können ihn bearbeiten; neu zusammenstellen ersetzt ihn.',
  'kl.digestCompiled': 'Zusammengestellt am {date}.',
  'kl.digestNever': 'Noch nicht zusammengestellt.',
  'kl.preview': 'Vorschau',
  'kl.previewHint': 'So sehen Leser die nächste Version.',
  'kl.previewUpdating': 'Vorschau wird aktualisiert …',
  'kl.previewFailed': 'Die Vorschau konnte nicht aktualisiert werden.',
  'kl.save': 'Speichern',
  'kl.saving': 'Wird gespeichert …',
  'kl.saved': 'Als Revision {n} gespeichert.',
  'kl.shortcut': 'Strg+S (⌘S auf dem Mac) speichert.',
  'kl.unsaved': 'Ungespeicherte Änderungen.',
  'kl.allSaved': 'Alle Änderungen sind in Revision {n} gespeichert.',
  'kl.neverSaved': 'Noch nichts gespeichert.',
  'kl.recompile': 'Digest neu zusammenstellen',
  'kl.recompiling': 'Wird zusammengestellt …',
  'kl.recompiled':
    'Der Digest wurde aus den Live-Fragen zusammengestellt und als Revision {n} gespeichert.',
  'kl.recompileConfirm':
    'Sie haben ungespeicherte Änderungen. Das Neuzusammenstellen ersetzt den Digest im Editor und speichert ihn als Revision; Ihre ungespeicherten Notizen bleiben im Editor. Jetzt neu zusammenstellen?',
  'kl.recompileYes': 'Jetzt neu zusammenstellen',
  'kl.cancel': 'Abbrechen',
  'kl.publish': 'Revision {n} veröffentlichen',
  'kl.publishFirst': 'Veröffentlichen',
  'kl.publishing': 'Wird veröffentlicht …',
  'kl.publishHintUnsaved':
    'Speichern Sie zuerst Ihre Änderungen: Veröffentlicht wird die zuletzt gespeicherte Revision.',
  'kl.publishHintNothing': 'Speichern Sie eine erste Revision, um sie zu veröffentlichen.',
  'kl.publishHintDone':
    'Revision {n} ist bereits veröffentlicht. Speichern Sie Änderungen, um eine neue Version zu veröffentlichen.',
  'kl.published':
    'Version {n} ist veröffentlicht. Ihre PDF-, Markdown- und HTML-Dateien werden vorbereitet; Leser sehen den Text sofort.',
  'kl.viewPage': 'Öffentliche Seite öffnen',
  'kl.conflictTitle': 'Jemand anderes hat inzwischen gespeichert',
  'kl.conflictBy':
    '{name} hat Revision {n} ({date}) gespeichert, während Sie geschrieben haben. Ihr Text wurde nicht gespeichert und steht weiter im Editor.',
  'kl.conflictGeneric':
    'Jemand anderes hat eine neuere Revision gespeichert, während Sie geschrieben haben. Ihr Text wurde nicht gespeichert und steht weiter im Editor.',
  'kl.loadTheirs': 'Deren Version laden',
  'kl.keepMine': 'Meine darüber speichern',
  'kl.loadedTheirs': 'Deren Version ist geladen. Ihr Text steht unten zum Kopieren bereit.',
  'kl.yourText': 'Ihr früherer Text (nicht gespeichert)',
  'kl.discardYours': 'Meinen früheren Text verwerfen',
  'kl.history': 'Revisionen',
  'kl.historyNone': 'Noch keine Revision gespeichert.',
  'kl.revision': 'Revision',
  'kl.author': 'Von',
  'kl.savedAt': 'Gespeichert',
  'kl.versions': 'Veröffentlichte Versionen',
  'kl.versionsNone': 'Noch nichts veröffentlicht.',
  'kl.state': 'Dateien',
  'kl.state.pending': 'In Vorbereitung',
  'kl.state.ready': 'Bereit',
  'kl.state.failed': 'Fehlgeschlagen',
  'kl.editForbiddenTitle': 'Für Berichterstattung und Organisation',
  'kl.editForbidden':
    'Nur die Berichterstattung der Session und die Organisatoren der Veranstaltung schreiben ihre zentralen Erkenntnisse.',
  'kl.editForbiddenDay':
    'Nur die Organisatoren der Veranstaltung schreiben die zentralen Erkenntnisse eines Tages.',
  'kl.leaveConfirm': 'Sie haben ungespeicherte Änderungen. Seite verlassen und sie verlieren?',
  'kl.saveFailed': 'Nicht gespeichert',
  'kl.publishFailed': 'Nicht veröffentlicht',
  'kl.recompileFailed': 'Der Digest wurde nicht neu zusammengestellt',
  'kl.publishStale':
    'Diese Revision ist bereits veröffentlicht, oder inzwischen wurde eine neuere gespeichert. Die Listen unten zeigen den aktuellen Stand.',
  'kl.mePdf': 'PDF an E-Mails mit zentralen Erkenntnissen anhängen',
  'kl.mePdfHint':
    'E-Mails zu veröffentlichten Erkenntnissen enthalten immer den Link; damit enthalten sie auch das PDF.',
};
