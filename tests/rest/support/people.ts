// The seed's demo users (README, "Demo users") by the part they play in the page tests.
export const VIDYA_NIKETAN = '10000000-0000-4000-8000-000000000001';
export const SUNRISE = '10000000-0000-4000-8000-000000000002';
export const GREENFIELD = '10000000-0000-4000-8000-000000000003';

export const RAJESH = 'admin@vidyaniketan.example'; // institution admin, Vidya Niketan
export const MEERA = 'meera.iyer@vidyaniketan.example'; // class teacher 4-A
export const AARAV = 'aarav.sharma@vidyaniketan.example'; // student 4-A
export const SUNITA = 'principal@vidyaniketan.example'; // principal
export const FARHAN = 'farhan.qureshi@vidyaniketan.example'; // coordinator, all stages
export const KAVITA = 'kavita.sharma@parents.vidyaniketan.example'; // parent of Aarav and Anaya
export const ANAYA = 'anaya.sharma@vidyaniketan.example'; // student 2-A, card reopened
export const PRIYA = 'priya.menon@sunrise.example'; // class teacher 7-A, Sunrise
export const ISHAAN = 'ishaan.verma@sunrise.example'; // student 7-A (Middle stage), Sunrise
export const NEHA = 'neha.verma@parents.sunrise.example'; // parent of Ishaan
export const HARPREET = 'principal@sunrise.example'; // principal, Sunrise
export const VIKRAM = 'admin@sunrise.example'; // institution admin, Sunrise
export const SURESH = 'suresh.patil@greenfield.example'; // class teacher 10-A, Greenfield (HPC off)
export const DIYA = 'diya.reddy@greenfield.example'; // student 10-A, Greenfield
export const RAMESH = 'ramesh.reddy@parents.greenfield.example'; // parent of Diya
export const ANJALI = 'principal@greenfield.example'; // principal, Greenfield
