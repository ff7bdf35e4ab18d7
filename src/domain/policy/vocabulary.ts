/**
 * The words staff use and the words policies use, grouped into concepts. Written as data: a
 * question that mentions any term of a concept is matched against every term of it. Terms are
 * phrases in plain English; they are stemmed when the index is built.
 *
 * The groups describe UK school IT and information security in general (and some everyday
 * school matters that such policies do not cover, so that those are recognised as such).
 */
import type { PolicyTopic } from './policy-types.js';

/** A group of words and phrases that mean the same thing for the purpose of finding a clause. */
export interface Concept {
  id: string;
  terms: readonly string[];
  /** The answer topic a question about this concept falls under. */
  topic?: PolicyTopic;
  /** How much the concept says about what a question is about (default 1). */
  weight?: number;
  /** People and places: they set the scene of a question; a policy that never names them may still answer it. */
  context?: boolean;
  /** Ids of wider concepts whose words also count, for less (a phone is a device). */
  broader?: readonly string[];
  /** A school matter information security policies do not deal with (pay, parking, rooms...). */
  offTopic?: boolean;
  /**
   * An action done to something ("install", "forward"): a word the policy lacks right after it
   * names an instance of what the action applies to ("install Audacity"), not a new subject.
   */
  action?: boolean;
}

export const CONCEPTS: readonly Concept[] = [
  // Accounts and passwords
  { id: 'password', topic: 'passwords', terms: ['password', 'passwords', 'passcode', 'passphrase', 'pin', 'pin number', 'credentials', 'login details', 'log in details', 'logon details', 'user id', 'username', 'user name', 'login', 'logins'] },
  { id: 'share', action: true, weight: 0.8, terms: ['share', 'sharing', 'shared', 'tell', 'told', 'give', 'gave', 'disclose', 'disclosed', 'discloses', 'reveal', 'revealed', 'lend', 'pass on', 'made available', 'let someone know', 'hand out'] },
  { id: 'log_on', action: true, terms: ['log on', 'log in', 'logon', 'logged in', 'logs on', 'sign in', 'signin', 'login', 'access my account', 'use my account', 'go on my account', 'logged on'] },
  { id: 'colleague', weight: 0.5, context: true, terms: ['colleague', 'colleagues', 'coworker', 'co worker', 'another member of staff', 'another employee', 'employee', 'teaching assistant', 'ta', 'someone else', 'anyone else', 'cover teacher', 'another teacher', 'hlta', 'covering'] },
  { id: 'password_strength', topic: 'passwords', terms: ['characters', 'character', 'length', 'minimum', 'complex', 'complexity', 'uppercase', 'lowercase', 'special character', 'symbol', 'strong password', 'strong'] },
  { id: 'modify', action: true, weight: 0.7, terms: ['change', 'changed', 'changing', 'alter', 'altered', 'modify', 'modified', 'amend', 'edit', 'adjust', 'reset', 'renew', 'expire', 'expires'] },
  { id: 'write_down', terms: ['write down', 'written down', 'write it down', 'post-it', 'postit', 'post it note', 'sticky note', 'jot down', 'note down', 'keep a note', 'on a note'] },
  { id: 'personal_info', terms: ['dogs name', 'dog name', 'cats name', 'cat name', 'pets name', 'pet name', 'pet', 'pets', 'birthday', 'date of birth', 'maiden name', 'kids name', 'childs name', 'easily identifiable', 'personal information', 'proper names', 'name'] },
  { id: 'same_password', terms: ['same', 'reuse', 're-use', 'identical', 'different', 'one password for everything', 'every account'] },
  { id: 'other_account', terms: ['amazon', 'netflix', 'bank', 'personal account', 'home account', 'other accounts', 'different accounts', 'outside school', 'account'] },
  { id: 'two_factor', topic: 'passwords', terms: ['two factor', 'twofactor', '2fa', 'mfa', 'multi factor', 'multifactor', 'authenticator', 'two step', 'verification code'] },
  { id: 'initial_password', topic: 'passwords', terms: ['new starter', 'new staff', 'first day', 'initial', 'default', 'temporary password', 'account set up', 'set up', 'induction', 'just started', 'new account', 'issued'] },
  { id: 'compromised', terms: ['hacked', 'compromised', 'someone knows my password', 'suspect', 'suspects', 'breached'] },
  { id: 'lock_screen', terms: ['lock', 'locked', 'locking', 'lock screen', 'log off', 'logging off', 'sign out', 'log out', 'logout', 'logged out', 'walk away', 'leave unattended', 'unattended', 'away from my desk', 'step away', 'screen lock', 'leaving the terminal'] },
  { id: 'auto_lock', terms: ['automatically', 'timeout', 'time out', 'inactivity', 'idle', 'auto lock', 'screensaver'] },
  { id: 'sleep_mode', terms: ['sleep mode', 'sleep', 'hibernate', 'leave it on', 'leave my computer on', 'shut down', 'turn off my computer', 'switch off overnight'] },

  { id: 'send', action: true, weight: 0.6, terms: ['send', 'sent', 'sending', 'reply', 'replying', 'respond', 'response', 'fire off', 'fire back', 'write back'] },
  { id: 'visible', weight: 0.7, terms: ['see', 'seen', 'view', 'viewed', 'visible', 'disclosed', 'disclosure', 'public domain', 'accessible', 'get hold of', 'find out', 'read by others'] },
  { id: 'supervise', terms: ['supervise', 'supervising', 'supervised', 'supervision', 'keep an eye on', 'keep an eye', 'watch over', 'monitor the class', 'unsupervised'] },
  { id: 'care', weight: 0.8, terms: ['look after', 'looking after', 'take care', 'care', 'keep safe', 'safe', 'safely', 'protect', 'reasonable measures', 'careful'] },
  { id: 'premises', weight: 0.5, context: true, terms: ['on site', 'premises', 'school site', 'in school', 'building', 'school grounds', 'staffroom', 'staff room', 'canteen', 'kitchen', 'classroom', 'office', 'corridor', 'playground'] },

  // Software
  { id: 'install', action: true, weight: 0.8, topic: 'software', terms: ['install', 'installed', 'installing', 'installation', 'download', 'downloading', 'downloaded', 'put on', 'add', 'load', 'loading', 'run', 'running', 'set up'] },
  { id: 'software', topic: 'software', terms: ['software', 'app', 'apps', 'application', 'applications', 'program', 'programme', 'programs', 'tool', 'extension', 'plugin', 'add on', 'utility', 'chrome', 'zoom', 'spotify', 'dropbox'] },
  { id: 'p2p', topic: 'software', terms: ['torrent', 'torrents', 'utorrent', 'bittorrent', 'peer to peer', 'p2p', 'file sharing'] },
  { id: 'messenger', terms: ['whatsapp', 'messenger', 'instant messaging', 'irc', 'snapchat', 'telegram', 'chat app', 'messaging app', 'imessage', 'chat client'] },
  { id: 'games', terms: ['game', 'games', 'gaming', 'minecraft', 'solitaire', 'roblox', 'fortnite', 'computer games'] },
  { id: 'licence', terms: ['licence', 'license', 'licensed', 'unlicensed', 'pirated', 'free trial', 'copyright', 'copyrighted'] },
  { id: 'antivirus', topic: 'software', terms: ['antivirus', 'anti virus', 'antimalware', 'anti malware', 'virus protection', 'virus checker', 'virus scanner', 'defender', 'sophos', 'mcafee', 'norton', 'firewall', 'malware protection', 'security software'] },
  { id: 'settings', terms: ['settings', 'setting', 'configuration', 'config', 'preferences', 'alter', 'tweak', 'controls'] },
  { id: 'disable', action: true, terms: ['disable', 'disabled', 'switch off', 'switch it off', 'turn off', 'turn it off', 'uninstall', 'remove', 'stop', 'pause', 'get rid of', 'circumvent', 'bypass', 'prevent updates'] },
  { id: 'updates', terms: ['update', 'updates', 'updating', 'patch', 'patches', 'upgrade', 'up to date', 'nagging', 'keeps asking', 'pop up', 'popup'] },
  { id: 'virus', terms: ['virus', 'viruses', 'scan', 'scanned', 'malware', 'ransomware', 'infected', 'infection', 'trojan', 'spyware', 'viral', 'malicious'] },
  { id: 'phishing', terms: ['phishing', 'scam', 'scams', 'suspicious', 'dodgy', 'spam', 'fake', 'legit', 'legitimate', 'genuine', 'link', 'links', 'click', 'clicking', 'unknown sender', 'unknown sources', 're-enter', 'retype', 're-type', 'confirm my password', 'verify my account', 'attachment', 'attachments', 'exe'] },
  { id: 'slow', terms: ['slow', 'slowing', 'slowing down', 'sluggish', 'abnormal', 'behaving oddly', 'acting weird', 'strange', 'weird', 'crashing', 'playing up', 'not working properly'] },

  // Devices and equipment
  { id: 'laptop', broader: ['device'], topic: 'equipment', terms: ['laptop', 'laptops', 'notebook', 'portable computer', 'macbook', 'chromebook', 'mobile computer device', 'mobile device'] },
  { id: 'tablet', broader: ['device'], topic: 'equipment', terms: ['tablet', 'tablets', 'ipad', 'ipads', 'surface'] },
  { id: 'phone', broader: ['device'], weight: 0.8, terms: ['phone', 'phones', 'mobile', 'mobile phone', 'smartphone', 'iphone', 'android', 'telephone', 'telephones', 'cell phone', 'work phone'] },
  { id: 'computer', broader: ['device'], weight: 0.7, topic: 'equipment', terms: ['computer', 'computers', 'pc', 'pcs', 'desktop', 'workstation', 'terminal', 'machine', 'desktop pcs'] },
  { id: 'device', weight: 0.6, topic: 'equipment', terms: ['device', 'devices', 'equipment', 'kit', 'hardware', 'gadget', 'ict equipment'] },
  { id: 'usb', broader: ['device'], topic: 'removable_media', terms: ['usb', 'usb stick', 'memory stick', 'pen drive', 'flash drive', 'thumb drive', 'external drive', 'external hard drive', 'hard drive', 'removable media', 'removable drives', 'memory card', 'sd card', 'portable media', 'usb device', 'removable media device', 'stick'] },
  { id: 'own', weight: 0.8, terms: ['own', 'my own', 'personal', 'private', 'non-trust supplied', 'non-supplied', 'non-school', 'bring your own', 'byod'] },
  { id: 'connect', action: true, weight: 0.7, terms: ['plug in', 'plug', 'plugged', 'connect', 'connecting', 'connected', 'attach', 'attached', 'insert', 'hook up', 'pair', 'bluetooth', 'connection'] },
  { id: 'cable', terms: ['cable', 'cables', 'cabling', 'wire', 'wires', 'wiring', 'lead', 'leads', 'plug socket'] },
  { id: 'move', action: true, terms: ['move', 'moved', 'moving', 'relocate', 'shift', 'rearrange', 'tamper', 'tampered', 'unplug', 'swap', 'take apart'] },
  { id: 'damage', terms: ['broken', 'break', 'breaks', 'smashed', 'cracked', 'damaged', 'damage', 'dropped', 'drop'] },
  { id: 'liquid', broader: ['damage'], terms: ['liquid', 'liquids', 'coffee', 'tea', 'cup of tea', 'drink', 'drinks', 'spill', 'spilled', 'spilt', 'water bottle', 'food and drink'] },
  { id: 'pay', terms: ['pay', 'pay for', 'cost', 'costs', 'charge', 'charged', 'replacement', 'replace', 'contribution', 'reparation', 'money', 'out of my own pocket', 'excess'] },
  { id: 'lost', topic: 'lost_device', terms: ['left my', 'left it', 'left behind', 'cant find', 'forgot', 'lost', 'lose', 'losing', 'loss', 'losses', 'stolen', 'theft', 'thefts', 'steal', 'stole', 'missing', 'mislaid', 'misplaced', 'nicked', 'gone missing', 'pinched', 'robbed', 'burgled'] },
  { id: 'police', terms: ['police', 'crime reference', 'crime number', 'crime reference number', 'report to police'] },
  { id: 'badge', topic: 'lost_device', terms: ['badge', 'id badge', 'lanyard', 'id card', 'staff card', 'fob', 'key card', 'access card', 'swipe card', 'pass'] },
  { id: 'car', terms: ['car', 'cars', 'vehicle', 'boot', 'back seat', 'seat', 'glovebox', 'parked car'] },
  { id: 'travel', terms: ['travel', 'travelling', 'commute', 'commuting', 'journey', 'train', 'bus', 'public transport', 'on the way home', 'way home', 'transit', 'en route', 'hand luggage', 'luggage', 'baggage', 'suitcase', 'flight', 'flights', 'fly', 'flying', 'plane', 'abroad', 'overseas'] },
  { id: 'public_place', terms: ['coffee shop', 'cafe', 'pub', 'restaurant', 'library', 'public place', 'public places', 'public space', 'public area', 'station', 'airport', 'hotel', 'supermarket', 'shop', 'shops', 'public'] },
  { id: 'off_site', weight: 0.8, topic: 'remote_working', terms: ['home', 'house', 'weekend', 'evening', 'off site', 'offsite', 'outside school', 'take home', 'taking home', 'away from school', 'outside the school', 'holiday', 'outside of school'] },
  { id: 'work_from_home', topic: 'remote_working', terms: ['work from home', 'working from home', 'working at home', 'wfh', 'remote working', 'working remotely', 'remotely', 'remote', 'home working', 'working off site'] },
  { id: 'vpn', topic: 'remote_working', terms: ['vpn', 'remote access', 'remote desktop', 'terminal services', 'remote connection', 'remote connections', 'access from home'] },
  { id: 'wifi', terms: ['wifi', 'wi fi', 'wireless', 'hotspot', 'wifi password', 'network key'] },
  { id: 'network', weight: 0.5, terms: ['network', 'server', 'servers', 'system', 'systems', 'infrastructure', 'school network', 'trust network'] },

  // Data and information
  { id: 'personal_data', weight: 0.6, topic: 'data_protection', terms: ['personal data', 'personal information', 'pupil data', 'student data', 'data', 'records', 'information', 'details', 'class list', 'marks', 'grades', 'sensitive', 'confidential', 'confidential information', 'safeguarding', 'sen', 'iep', 'medical', 'health care plans', 'contact details', 'spreadsheet', 'assessment data'] },
  { id: 'pupil', weight: 0.5, context: true, terms: ['pupil', 'pupils', 'student', 'students', 'child', 'children', 'kid', 'kids', 'learner', 'learners', 'year group', 'son', 'daughter', 'class', 'classes', 'form', 'tutee', 'young person'] },
  { id: 'parent', weight: 0.5, context: true, terms: ['parent', 'parents', 'carer', 'carers', 'guardian', 'mum', 'dad', 'mother', 'father', 'family', 'families', 'parental'] },
  { id: 'breach', topic: 'data_protection', terms: ['data breach', 'breach', 'leak', 'leaked', 'wrong person', 'wrong email', 'wrong address', 'incorrect recipient', 'incorrect address', 'sent it to the wrong', 'security incident', 'incident', 'gone astray', 'accidentally sent', 'potential breach', 'wrong', 'by mistake', 'mistake', 'accidentally', 'in error', 'incorrect'] },
  { id: 'report', weight: 0.6, terms: ['report', 'reporting', 'reported', 'tell', 'inform', 'notify', 'contact', 'who do i tell', 'let know', 'escalate', 'raise', 'flag'] },
  { id: 'dpc', topic: 'data_protection', terms: ['data protection champion', 'dpo', 'data protection officer', 'data protection lead', 'data protection'] },
  { id: 'ico', topic: 'data_protection', terms: ['ico', 'information commissioner', '72 hours', 'regulator'] },
  { id: 'encrypt', terms: ['encrypt', 'encrypted', 'encryption', 'password protect', 'password protected', 'bitlocker', 'secure', 'securely'] },
  { id: 'books', weight: 0.9, terms: ['books', 'exercise books', 'workbooks', 'marking', 'homework', 'coursework', 'assignments', 'exam papers', 'mock papers', 'assessment'] },
  { id: 'paper', weight: 0.7, terms: ['paper', 'papers', 'printout', 'printouts', 'files', 'documents', 'hard copy', 'hard copies', 'folder', 'folders', 'paperwork'] },
  { id: 'dispose', action: true, terms: ['shred', 'shredding', 'shredder', 'bin', 'dispose', 'disposal', 'throw away', 'confidential waste', 'recycle', 'recycling', 'waste', 'get rid of', 'destroy'] },
  { id: 'printer', terms: ['printer', 'printers', 'photocopier', 'photocopiers', 'copier', 'printing', 'print', 'prints'] },
  { id: 'cloud', terms: ['dropbox', 'google drive', 'icloud', 'cloud storage', 'cloud', 'personal cloud', 'wetransfer'] },
  { id: 'personal_email', topic: 'email', terms: ['gmail', 'hotmail', 'yahoo', 'outlook com', 'personal email', 'home email', 'private email', 'personal e mail', 'personal email address', 'webmail', 'own email'] },
  { id: 'bcc', topic: 'email', terms: ['bcc', 'blind copy', 'blind carbon copy', 'hide addresses', 'mailing list', 'group email', 'mailshot', 'mailshots', 'large list', 'email addresses', 'email address', 'recipients'] },
  { id: 'email', weight: 0.7, topic: 'email', terms: ['email', 'emails', 'e mail', 'emailed', 'emailing', 'mail', 'inbox', 'outlook', 'message', 'messages'] },
  { id: 'anger', topic: 'email', terms: ['angry', 'fuming', 'furious', 'upset', 'cross', 'annoyed', 'rude', 'heat of the moment', 'vent', 'rant', 'livid', 'wound up', 'fire back', 'snap'] },
  { id: 'frequency', terms: ['how often', 'often', 'frequency', 'daily', 'every working day', 'regularly', 'routinely'] },
  { id: 'absence', terms: ['holiday', 'away', 'annual leave', 'sick', 'sickness', 'absence', 'absent', 'off work', 'out of office', 'auto reply', 'maternity', 'while im away', 'prolonged absence'] },
  { id: 'voicemail', terms: ['voicemail', 'voice mail', 'answerphone', 'answer phone', 'answer machine', 'answering machine', 'leave a message', 'message on the phone'] },
  { id: 'phone_call', terms: ['call', 'calls', 'ring', 'phone call', 'personal call', 'doctor', 'doctors', 'dentist', 'appointment', 'gp', 'telephone calls'] },
  { id: 'phone_number', terms: ['phone number', 'mobile number', 'contact number', 'number', 'my number', 'caller id', 'withhold', '141'] },
  { id: 'social_media', topic: 'internet', terms: ['facebook', 'instagram', 'twitter', 'tiktok', 'snapchat', 'youtube', 'social media', 'social networking', 'social networking sites', 'linkedin', 'blog', 'blogging', 'flickr', 'whatsapp group', 'post online', 'social network'] },
  { id: 'photos', terms: ['photo', 'photos', 'pics', 'pictures', 'picture', 'images', 'image', 'video', 'videos', 'selfie', 'selfies', 'camera', 'footage'] },
  { id: 'friend_request', terms: ['friend request', 'add as a friend', 'befriend', 'on-line friend', 'online friend', 'follow request', 'accept a request', 'friend on facebook'] },
  { id: 'website', weight: 0.8, topic: 'internet', terms: ['website', 'websites', 'site', 'sites', 'web page', 'webpage', 'browsing', 'browse', 'internet', 'online', 'web', 'google', 'surfing'] },
  { id: 'tracking', weight: 0.8, topic: 'internet', terms: ['cookies', 'cookie', 'tracking', 'track', 'tracked', 'beacon', 'beacons', 'tags', 'identify', 'know i visited', 'tell', 'looking at', 'visited', 'visitors'] },
  { id: 'monitoring', weight: 0.9, topic: 'monitoring', terms: ['monitor', 'monitored', 'monitoring', 'watch', 'watched', 'watching', 'spy', 'spying', 'read my emails', 'scan', 'scanned', 'scanning', 'audit', 'audited', 'auditing', 'logged', 'logs', 'logging', 'snoop', 'looked into', 'looked at', 'surveillance', 'check up on', 'keep tabs', 'record', 'recorded', 'recording', 'intercept'] },
  { id: 'permission', weight: 0.4, terms: ['permission', 'authorise', 'authorised', 'authorisation', 'authorization', 'authorized', 'approve', 'approved', 'approval', 'consent', 'allowed', 'allow', 'sign off', 'agree', 'agreed', 'permitted', 'ok', 'okay', 'decides', 'decide', 'grant'] },
  { id: 'head', weight: 0.5, context: true, terms: ['headteacher', 'head teacher', 'head', 'principal', 'executive head'] },
  { id: 'slt', weight: 0.5, context: true, terms: ['slt', 'senior leadership', 'senior leadership team', 'senior leader', 'deputy', 'deputy head', 'assistant head', 'senior management', 'senior leadership group'] },
  { id: 'line_manager', weight: 0.5, context: true, terms: ['line manager', 'manager', 'head of department', 'hod', 'boss', 'supervisor', 'team leader'] },
  { id: 'it_team', weight: 0.5, context: true, terms: ['IT manager', 'IT department', 'IT support', 'IT team', 'technician', 'technicians', 'helpdesk', 'help desk', 'IT provider', 'ICT staff', 'IT staff', 'network manager', 'Trust Strategic IT Manager', 'techie', 'ICT partner'] },
  { id: 'ceo', weight: 0.5, context: true, terms: ['ceo', 'chief executive', 'trust board', 'trustees', 'governors'] },
  { id: 'discipline', weight: 0.8, topic: 'breaches', terms: ['disciplinary', 'discipline', 'sacked', 'dismissal', 'dismissed', 'trouble', 'consequences', 'consequence', 'punished', 'punishment', 'sanction', 'sanctions', 'warning', 'gross misconduct', 'misconduct', 'what happens', 'get in trouble', 'penalty', 'penalties', 'liable', 'lose my job', 'offence'] },
  { id: 'leaving', terms: ['leaving the trust', 'leave the trust', 'resign', 'resigning', 'resignation', 'quit', 'quitting', 'last day', 'end of contract', 'moving schools', 'new job', 'leaver', 'leavers', 'upon leaving', 'end of term', 'retire', 'retiring', 'leaving date', 'handing in my notice', 'notice'] },
  { id: 'return', action: true, terms: ['return', 'returned', 'hand back', 'give back', 'hand in', 'handover', 'hand over', 'give it back', 'send back'] },
  { id: 'scope', weight: 0.8, terms: ['apply', 'applies', 'cover', 'covers', 'agency', 'supply', 'supply staff', 'supply teacher', 'temporary', 'temp', 'volunteer', 'volunteers', 'governor', 'contractor', 'contractors', 'trainee', 'student teacher', 'agency workers', 'everyone'] },
  { id: 'sell', action: true, terms: ['sell', 'selling', 'sale', 'advertise', 'advertising', 'business', 'commercial', 'side business', 'side hustle', 'market', 'raffle', 'tickets', 'trade', 'trading', 'profit', 'product'] },
  { id: 'inappropriate', terms: ['porn', 'pornography', 'pornographic', 'adult', 'offensive', 'inappropriate', 'obscene', 'indecent', 'explicit', 'nsfw', 'racist', 'extremist', 'illegal', 'harm to a child', 'risk', 'dodgy sites'] },
  { id: 'gambling', terms: ['gambling', 'betting', 'bet', 'casino', 'poker', 'bookies'] },
  { id: 'streaming', terms: ['netflix', 'streaming', 'stream', 'iplayer', 'spotify', 'music', 'radio', 'films', 'movies', 'tv', 'audio', 'video streaming'] },
  { id: 'shopping', terms: ['shopping', 'amazon', 'ebay', 'online shopping', 'buy', 'buying', 'purchase', 'purchases', 'order'] },
  { id: 'personal_use', weight: 0.6, terms: ['personal use', 'personal', 'private use', 'private purposes', 'non work', 'my own stuff', 'lunch break', 'break time', 'own time', 'personal matters'] },
  { id: 'whiteboard', terms: ['board', 'whiteboard', 'interactive whiteboard', 'smartboard', 'smart board', 'projector', 'big screen', 'promethean', 'display', 'projected', 'class screen'] },
  { id: 'mis', topic: 'data_protection', terms: ['sims', 'mis', 'arbor', 'bromcom', 'scholarpack', 'management information system', 'management information systems', 'capita sims', 'pupil database'] },
  { id: 'register', terms: ['register', 'registers', 'attendance', 'take the register', 'registration', 'attendance register'] },
  { id: 'visitor', terms: ['visitor', 'visitors', 'contractor', 'stranger', 'strangers', 'guest', 'someone i dont know', 'tailgating', 'tailgate', 'follow me through', 'security door', 'sign in', 'reception', 'unknown person'] },
  { id: 'privacy_screen', terms: ['privacy screen', 'privacy filter', 'screen filter', 'see my screen', 'shoulder surfing', 'read my screen', 'overlooked'] },
  { id: 'clear_desk', terms: ['clear desk', 'desk', 'desks', 'tidy', 'leave papers out', 'clear screen'] },
  { id: 'post', terms: ['post', 'letter', 'letters', 'envelope', 'envelopes', 'posting', 'royal mail', 'recorded delivery', 'tracked', 'courier', 'pigeon holes', 'pigeon hole'] },
  { id: 'conversation', terms: ['conversation', 'conversations', 'talk', 'talking', 'discuss', 'discussing', 'overheard', 'overhear', 'chat', 'chatting', 'meeting', 'meetings', 'interview'] },
  { id: 'trip', terms: ['trip', 'trips', 'school trip', 'residential', 'educational visit', 'educational visits', 'outing', 'excursion', 'field trip', 'visit'] },
  { id: 'sar', topic: 'data_protection', terms: ['subject access request', 'subject access', 'sar', 'see their data', 'request their data', 'foi', 'freedom of information', 'disclosed', 'request access', 'data subject'] },
  { id: 'legal', terms: ['legal proceedings', 'court', 'solicitor', 'lawyer', 'tribunal', 'legal action', 'sue', 'sued', 'claims', 'liability', 'defamation', 'libel'] },
  { id: 'chain_letter', terms: ['chain letter', 'chain letters', 'chain mail', 'joke', 'jokes', 'memes', 'meme', 'cartoons', 'funny', 'gossip', 'junk mail'] },
  { id: 'mass_mail', terms: ['all staff email', 'mass mailing', 'mass mailings', 'round robin', 'broadcast', 'charity appeal', 'charitable appeals', 'lost property', 'sponsorship', 'sponsor', 'fundraising'] },
  { id: 'signature', terms: ['signature', 'disclaimer', 'email footer'] },
  { id: 'forum', terms: ['forum', 'forums', 'chat room', 'chat rooms', 'message board', 'discussion board', 'newsgroup', 'newsgroups', 'reddit', 'mumsnet', 'email list groups'] },
  { id: 'school_website', terms: ['school website', 'trust website', 'change the website', 'update the website', 'website content', 'website changes'] },
  { id: 'harassment', terms: ['harass', 'harassed', 'harassment', 'bullied', 'bullying', 'abusive', 'abuse', 'threatening', 'offended', 'nasty'] },
  { id: 'forward', action: true, terms: ['forward', 'forwarding', 'forwarded', 'send on', 'pass on', 'auto forward'] },
  { id: 'sharing_data', topic: 'data_protection', terms: ['share data', 'sharing data', 'share information', 'information sharing', 'third party', 'other agencies', 'agency', 'local authority', 'social services', 'external provider', 'supplier', 'send data', 'data sharing agreement'] },
  { id: 'access_rights', weight: 0.5, terms: ['access', 'get access', 'permissions', 'access rights', 'admin rights', 'administrator', 'restricted', 'restricted areas', 'shared drive', 'folder access', 'new system'] },
  { id: 'storage', action: true, weight: 0.5, terms: ['save', 'saving', 'store', 'storing', 'stored', 'storage', 'keep', 'keeping', 'kept', 'write', 'copy', 'copying', 'put'] },
  { id: 'delete', action: true, terms: ['delete', 'deleted', 'deleting', 'deletion', 'wipe', 'erase', 'obliterated', 'retrievable', 'gone forever', 'permanently'] },
  { id: 'stream_video_call', terms: ['teams call', 'video call', 'zoom call', 'webcam', 'online meeting'] },

  // Everyday school matters information security policies do not cover
  { id: 'x_pay', weight: 1.2, offTopic: true, terms: ['paid', 'payday', 'pay day', 'salary', 'payslip', 'wages', 'overtime', 'pension', 'expenses', 'mileage'] },
  { id: 'x_parking', weight: 1.2, offTopic: true, terms: ['parking', 'car park', 'park', 'parking permit', 'parking space'] },
  { id: 'x_rooms', weight: 1.2, offTopic: true, terms: ['book the hall', 'hall', 'room booking', 'book a room', 'meeting room', 'sports hall'] },
  { id: 'x_events', weight: 1.2, offTopic: true, terms: ['parents evening', 'inset', 'inset day', 'term dates', 'sports day', 'open evening', 'nativity', 'christmas party', 'staff party'] },
  { id: 'x_supplies', weight: 1.2, offTopic: true, terms: ['toner', 'printer ink', 'ink cartridge', 'stationery', 'paper supplies', 'cartridge', 'laminator', 'order supplies'] },
  { id: 'x_hr', weight: 1.2, offTopic: true, terms: ['annual leave', 'holiday entitlement', 'sick pay', 'maternity leave', 'dress code', 'jeans', 'appraisal', 'performance management', 'cpd', 'training course', 'contract hours'] },
  { id: 'x_facilities', weight: 1.2, offTopic: true, terms: ['lunch menu', 'microwave', 'heating', 'radiator', 'fire drill', 'fire alarm', 'first aider', 'first aid', 'keys', 'caretaker', 'site manager', 'cleaner'] },
  { id: 'x_timetable', weight: 1.2, offTopic: true, terms: ['timetable', 'cover rota', 'duty rota', 'playground duty', 'lesson plans', 'curriculum', 'ofsted', 'exams timetable'] },
];

/** Words that say little about what a question is about; they count for little when matching. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    'school schools staff trust work working use using used need needs want get got go going make let thing things stuff ' +
    'someone somebody anyone anybody something anything way time day today now right really actually sure know think say ' +
    'rule rules policy happen happens new old bit lot fine good bad also able ok okay allowed allow like just please ' +
    'question wondering wonder quick check still supposed meant bring take put keep after ever next'
  ).split(' '),
);
