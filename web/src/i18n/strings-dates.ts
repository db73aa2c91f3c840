/** Words for dates: an event's dates, its rule, ongoing events, add-to-calendar. */
export const DATES_STRINGS = {
  fr: {
    datesNext: 'Prochaines dates',
    datesAllUpcoming: 'Toutes les dates à venir ({count})',
    datesPast: 'Dates passées ({count})',
    datesMoreLater: 'D’autres dates suivent.',
    datesNoneUpcoming: 'Aucune date à venir.',
    datesRule: 'Se répète : {rule}.',
    datesRepeats: 'Se répète : toutes les dates ci-dessous.',
    ongoing: 'En cours',
    ongoingUntil: 'jusqu’au {date}',
    calendarAllDates: 'Fichier iCal (.ics), toutes les dates',
    calendarEveryDateGoogle: 'Google Agenda (toutes les dates)',
  },
  en: {
    datesNext: 'Next dates',
    datesAllUpcoming: 'All upcoming dates ({count})',
    datesPast: 'Past dates ({count})',
    datesMoreLater: 'More dates follow.',
    datesNoneUpcoming: 'No upcoming date.',
    datesRule: 'Repeats {rule}.',
    datesRepeats: 'Repeats: every date below.',
    ongoing: 'On now',
    ongoingUntil: 'until {date}',
    calendarAllDates: 'iCal file (.ics), every date',
    calendarEveryDateGoogle: 'Google Calendar (every date)',
  },
} as const;
